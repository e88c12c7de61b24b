namespace Cai.Cli.Tests.Progress;

/// <summary>A clock that moves only when the test says so: elapsed times are exact, never the wall clock's.</summary>
internal sealed class ManualClock : TimeProvider
{
    long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
