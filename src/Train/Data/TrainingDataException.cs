namespace Cai.Train.Data;

/// <summary>A training data file is unusable as a whole (missing, or no usable example); the message names the file.</summary>
public sealed class TrainingDataException(string message) : Exception(message);
