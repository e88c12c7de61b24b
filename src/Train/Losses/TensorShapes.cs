namespace Cai.Train.Losses;

/// <summary>Shape checks for loss inputs: mismatched shapes would otherwise broadcast into a silently wrong loss.</summary>
internal static class TensorShapes
{
    public static void RequireSame(Tensor tensor, string name, Tensor like, string likeName)
    {
        if (!tensor.shape.SequenceEqual(like.shape))
        {
            throw new ArgumentException(
                $"{name} has shape [{string.Join(", ", tensor.shape)}] but {likeName} has [{string.Join(", ", like.shape)}]", name);
        }
    }
}
