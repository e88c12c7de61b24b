// Appends records n-<k> to <dir>/kill.jsonl as fast as it can, resuming at the number of ids already written,
// until it is killed. Each record carries 8 KB of text so that a kill often lands mid-write. To keep a slow or
// crashed test from filling the disk it writes at most max-new-records per start, then idles until killed, and
// exits by itself after max-seconds.
using Cai.Core.Records;
using Cai.Core.Storage;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Cai.StoreWriter <run-dir> [max-new-records=5000] [max-seconds=60]");
    return 2;
}
var maxNew = args.Length > 1 ? int.Parse(args[1]) : 5000;
var deadline = DateTime.UtcNow.AddSeconds(args.Length > 2 ? int.Parse(args[2]) : 60);

await using var store = StageStore.Open(args[0], "kill");
var first = store.Count;
var padding = new string('x', 8192);
Console.WriteLine($"resuming at n-{first}");
for (var n = first; n < first + maxNew && DateTime.UtcNow < deadline; n++)
{
    var record = new PromptRecord { Id = $"n-{n}", Messages = [Message.User($"record {n} {padding}")] };
    if (!await store.AppendAsync(record))
    {
        Console.Error.WriteLine($"n-{n} was already written: the store resumed at the wrong id");
        return 1;
    }
}
Console.WriteLine("cap reached, idling");
while (DateTime.UtcNow < deadline)
    await Task.Delay(100);
return 0;
