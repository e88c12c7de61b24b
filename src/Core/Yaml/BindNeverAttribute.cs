namespace Cai.Core.Yaml;

/// <summary>
/// Keeps a settable property of an options record out of <see cref="YamlReader.Bind{T}(YamlDotNet.RepresentationModel.YamlMappingNode, string)"/>:
/// it is set by the code that composes the stage (the run seed, the stage name, chat options), never by a config file,
/// and it is not offered as a key, nor in a "did you mean".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class BindNeverAttribute : Attribute;
