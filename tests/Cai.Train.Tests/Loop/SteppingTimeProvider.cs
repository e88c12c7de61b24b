namespace Cai.Train.Tests.Loop;

/// <summary>A fake clock that advances one second every time it is read.</summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    long seconds;

    public override long TimestampFrequency => 1;

    public override long GetTimestamp() => seconds++;
}
