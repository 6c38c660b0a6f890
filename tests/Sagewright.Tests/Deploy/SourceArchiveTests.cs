using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Sagewright.Outputs;

namespace Sagewright.Tests.Deploy;

/// <summary>The <c>sourcedir.tar.gz</c> Sagewright builds: a valid gzip'd ustar archive holding exactly the script,
/// the same bytes for the same script wherever and whenever it is built.</summary>
public class SourceArchiveTests
{
    [Fact]
    public void The_archive_holds_the_script_at_its_top_level_with_fixed_metadata()
    {
        var script = Encoding.UTF8.GetBytes("import sys\nprint('héllo')\n");

        var archive = SourceArchive.Pack("train.py", script);

        using var tar = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
        var entry = tar.GetNextEntry()!;
        Assert.Equal(TarEntryFormat.Ustar, entry.Format);
        Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
        Assert.Equal("train.py", entry.Name);
        Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
        Assert.Equal((0, 0), (entry.Uid, entry.Gid));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, entry.Mode);
        using var content = new MemoryStream();
        entry.DataStream!.CopyTo(content);
        Assert.Equal(script, content.ToArray());
        Assert.Null(tar.GetNextEntry());
    }

    [Fact]
    public void The_same_script_gives_the_same_bytes_and_another_script_other_bytes()
    {
        var script = Encoding.UTF8.GetBytes("print(1)\n");
        Assert.Equal(SourceArchive.Pack("a.py", script), SourceArchive.Pack("a.py", script.ToArray()));
        Assert.NotEqual(SourceArchive.Pack("a.py", script), SourceArchive.Pack("a.py", Encoding.UTF8.GetBytes("print(2)\n")));
        Assert.NotEqual(SourceArchive.Pack("a.py", script), SourceArchive.Pack("b.py", script));

        // The gzip header has no timestamp and no name: the bytes depend on nothing but the script.
        var archive = SourceArchive.Pack("a.py", script);
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 }, archive[..10]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(65_535)]
    [InlineData(200_000)] // several stored deflate blocks
    public void Scripts_of_any_size_round_trip(int size)
    {
        var script = new byte[size];
        new Random(size).NextBytes(script);

        var (name, content) = Assert.Single(Entries(SourceArchive.Pack("big.py", script)));
        Assert.Equal("big.py", name);
        Assert.Equal(script, content);
    }

    [Fact]
    public void The_system_tar_reads_it()
    {
        var directory = Directory.CreateTempSubdirectory("sagewright-archive-");
        try
        {
            var path = Path.Combine(directory.FullName, "sourcedir.tar.gz");
            File.WriteAllBytes(path, SourceArchive.Pack("train.py", Encoding.UTF8.GetBytes("print('x')\n")));
            var psi = new System.Diagnostics.ProcessStartInfo("tar", ["-xzf", path, "-C", directory.FullName]) { RedirectStandardError = true };
            using var process = System.Diagnostics.Process.Start(psi)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            Assert.Equal("print('x')\n", File.ReadAllText(Path.Combine(directory.FullName, "train.py")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The files in an archive, as name and bytes.</summary>
    internal static List<(string Name, byte[] Content)> Entries(byte[] archive)
    {
        var entries = new List<(string, byte[])>();
        using var tar = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add((entry.Name, content.ToArray()));
        }

        return entries;
    }
}
