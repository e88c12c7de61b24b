namespace Cai.Cli.Serve;

/// <summary>
/// Caps the chat requests admitted at once (generating plus waiting for the model). A request past the cap is refused
/// at once rather than queued without bound, so a burst cannot pile up minutes of latency; a slot is released when its
/// request ends however it ends (answered, failed, or the client gone).
/// </summary>
sealed class AdmissionLimiter(int capacity)
{
    int admitted;

    /// <summary>Requests admitted now.</summary>
    public int Admitted => Volatile.Read(ref admitted);

    /// <summary>Takes a slot; false when all <c>capacity</c> are taken.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref admitted) <= capacity)
            return true;
        Interlocked.Decrement(ref admitted);
        return false;
    }

    /// <summary>Gives back a slot taken by <see cref="TryEnter"/>.</summary>
    public void Exit() => Interlocked.Decrement(ref admitted);
}
