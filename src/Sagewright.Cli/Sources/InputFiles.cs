using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Sagewright.Cli.Sources;

/// <summary>Reads input files safely: only regular files (a device such as <c>/dev/zero</c>, a FIFO or a socket is
/// refused before it is opened, so nothing blocks or streams forever), at most <see cref="MaxBytes"/> each, and in
/// folder mode never through a symbolic link that leaves the folder or loops.</summary>
public static class InputFiles
{
    /// <summary>The largest input file read: 10 MiB. IAM's own limits are far lower (10,240 characters of inline
    /// policy), so a larger file is a mistake or an attack, not a policy.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>How many folders deep a folder comparison looks.</summary>
    public const int MaxDepth = 64;

    public static string SizeLimitText => "10 MiB";

    /// <summary>The bytes of a regular file, at most <see cref="MaxBytes"/>.</summary>
    public static byte[] Read(string full, string display)
    {
        var type = TypeOf(full, followLinks: true);
        if (type is not (FileType.Regular or FileType.Unknown))
        {
            throw new CliException($"{display}: not a regular file ({Describe(type)}); only policy files are read");
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0 };
            using var stream = new FileStream(full, options);
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                throw TooLarge(display);
            }

            // Read to the cap plus one byte whatever the reported length: a file can grow while it is read.
            var buffer = new byte[Math.Min(MaxBytes + 1, stream.CanSeek ? (int)stream.Length + 1 : 64 * 1024)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > MaxBytes)
                    {
                        throw TooLarge(display);
                    }

                    Array.Resize(ref buffer, Math.Min(MaxBytes + 1, buffer.Length * 2));
                }

                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > MaxBytes)
            {
                throw TooLarge(display);
            }

            Array.Resize(ref buffer, total);
            return buffer;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{display}: cannot read the file: {ex.Message}", ex);
        }
    }

    public static CliException TooLarge(string display) =>
        new($"{display}: larger than {SizeLimitText}, the most policy diff reads from one file");

    /// <summary>The files under <paramref name="root"/> (relative paths with <c>/</c>) whose names
    /// <paramref name="include"/> accepts. Symbolic links are followed only while they stay inside the folder; one
    /// that leaves it, dangles or loops is an error, as is any name that is not a regular file.</summary>
    public static List<string> List(string root, string display, Func<string, bool> include)
    {
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var files = new List<string>();
        Walk(rootFull, "", 0);
        return files;

        void Walk(string directory, string relative, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new CliException($"{display}: folders nested more than {MaxDepth.ToString(CultureInfo.InvariantCulture)} deep");
            }

            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions
                {
                    RecurseSubdirectories = false,
                    AttributesToSkip = 0,
                    IgnoreInaccessible = false,
                    ReturnSpecialDirectories = false,
                });
                entries = [.. entries];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{display}: cannot list the folder: {ex.Message}", ex);
            }

            foreach (var entry in entries)
            {
                var entryRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var entryDisplay = PolicySource.JoinDisplay(display, entryRelative);
                var target = entry.FullName;
                if (entry.LinkTarget is not null)
                {
                    target = ResolveInside(entry, rootFull, entryDisplay);
                }

                if (Directory.Exists(target))
                {
                    if (string.Equals(directory, target, StringComparison.Ordinal)
                        || directory.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        throw new CliException($"{entryDisplay}: a symbolic link loop (it leads back to {target}, a folder it is in)");
                    }

                    Walk(target, entryRelative, depth + 1);
                    continue;
                }

                if (!include(entry.Name))
                {
                    continue;
                }

                var type = TypeOf(target, followLinks: true);
                if (type is not (FileType.Regular or FileType.Unknown))
                {
                    throw new CliException($"{entryDisplay}: not a regular file ({Describe(type)}); only policy files are read");
                }

                files.Add(entryRelative);
            }
        }
    }

    /// <summary>The final target of a symbolic link, which must exist and lie inside the folder.</summary>
    private static string ResolveInside(FileSystemInfo link, string rootFull, string display)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException ex)
        {
            throw new CliException($"{display}: a symbolic link that cannot be followed (a loop?): {ex.Message}", ex);
        }

        if (target is null || !target.Exists)
        {
            throw new CliException($"{display}: a symbolic link to {link.LinkTarget}, which does not exist");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.FullName));
        if (!string.Equals(full, rootFull, StringComparison.Ordinal) && !full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new CliException($"{display}: a symbolic link to {link.LinkTarget}, outside the folder; links are followed only inside it");
        }

        return full;
    }

    public enum FileType
    {
        Unknown,
        Regular,
        Directory,
        Link,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
    }

    private static string Describe(FileType type) => type switch
    {
        FileType.Fifo => "a FIFO",
        FileType.CharacterDevice => "a character device",
        FileType.BlockDevice => "a block device",
        FileType.Socket => "a socket",
        FileType.Directory => "a folder",
        _ => "not a file",
    };

    /// <summary>The type of a file system entry, asked of the runtime's own native shim (the <c>stat</c> .NET itself
    /// uses) on Unix, without opening it. <see cref="FileType.Unknown"/> on Windows, where names do not lead to
    /// devices or FIFOs this way, or when the shim cannot be called.</summary>
    public static FileType TypeOf(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            return FileType.Unknown;
        }

        try
        {
            var status = default(NativeFileStatus);
            var result = followLinks ? NativeStat(path, out status) : NativeLStat(path, out status);
            if (result != 0)
            {
                return FileType.Unknown;
            }

            return (status.Mode & 0xF000) switch
            {
                0x8000 => FileType.Regular,
                0x4000 => FileType.Directory,
                0xA000 => FileType.Link,
                0x1000 => FileType.Fifo,
                0x2000 => FileType.CharacterDevice,
                0x6000 => FileType.BlockDevice,
                0xC000 => FileType.Socket,
                _ => FileType.Unknown,
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileType.Unknown;
        }
    }

    /// <summary>The shim's file status: its first fields, then room for the rest (the shim writes the whole struct).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long Reserved0;
        public long Reserved1;
        public long Reserved2;
        public long Reserved3;
        public long Reserved4;
        public long Reserved5;
        public long Reserved6;
        public long Reserved7;
        public long Reserved8;
        public long Reserved9;
        public long Reserved10;
        public long Reserved11;
        public long Reserved12;
        public long Reserved13;
        public long Reserved14;
        public long Reserved15;
    }

#pragma warning disable SYSLIB1054, CA2101, CA5392 // a blittable struct and a UTF-8 path: nothing to generate; the runtime's own library
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int NativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out NativeFileStatus output);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int NativeLStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out NativeFileStatus output);
#pragma warning restore SYSLIB1054, CA2101, CA5392
}
