using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 little-endian shared object as weak (VER_FLG_WEAK) in its
/// .gnu.version_r section, so the dynamic loader no longer refuses the library when the version is missing.
/// </summary>
public class PatchElfVersionNeed : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var outcome = Patch(path, VersionName);
                Log.LogMessage(MessageImportance.Low, "{0}: {1} {2}", path, VersionName, outcome);
            }
            catch (Exception ex)
            {
                Log.LogError("could not patch {0}: {1}", path, ex.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    static string Patch(string path, string versionName)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        long shoff = BitConverter.ToInt64(bytes, 0x28);
        int shentsize = BitConverter.ToUInt16(bytes, 0x3A);
        int shnum = BitConverter.ToUInt16(bytes, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(bytes, (int)sh + 4) != ShtGnuVerneed) continue;

            long secOffset = BitConverter.ToInt64(bytes, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(bytes, (int)sh + 0x28);
            long strOffset = BitConverter.ToInt64(bytes, (int)(shoff + (long)link * shentsize) + 0x18);

            long need = secOffset;
            while (true)
            {
                int count = BitConverter.ToUInt16(bytes, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(bytes, (int)need + 8);
                for (int a = 0; a < count; a++)
                {
                    long name = strOffset + BitConverter.ToUInt32(bytes, (int)aux + 8);
                    if (ReadCString(bytes, name) == versionName)
                    {
                        int flagsAt = (int)aux + 4;
                        ushort flags = BitConverter.ToUInt16(bytes, flagsAt);
                        if ((flags & VerFlgWeak) != 0) return "already weak";
                        // Two bytes change in place; the rest of the file is untouched.
                        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                        {
                            file.Position = flagsAt;
                            file.Write(BitConverter.GetBytes((ushort)(flags | VerFlgWeak)), 0, 2);
                        }
                        return "marked weak";
                    }
                    uint nextAux = BitConverter.ToUInt32(bytes, (int)aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = BitConverter.ToUInt32(bytes, (int)need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return "not required (nothing to patch)";
    }

    static string ReadCString(byte[] bytes, long offset)
    {
        int end = (int)offset;
        while (bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }
}
