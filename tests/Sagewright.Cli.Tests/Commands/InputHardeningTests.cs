using System.Diagnostics;
using Sagewright.Cli.Tests.Infrastructure;
using static Sagewright.Cli.Tests.Infrastructure.Policies;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>Inputs that are not plain policy text are refused with one line on stderr and exit 2, without hanging.</summary>
public sealed class InputHardeningTests : IDisposable
{
    private const string Read = """{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/*"}""";

    private readonly TempDir _dir = new();

    public InputHardeningTests()
    {
        _dir.Write("good.policy.json", Document(Read));
    }

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Diff(string oldPath, string newPath)
    {
        // Run off the test thread: a FIFO or a device must not block the run.
        var run = Task.Run(() => CliRunner.Run(_dir.Path, "policy", "diff", oldPath, newPath));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "policy diff did not finish");
        return run.Result;
    }

    private static void AssertOneLineError(CliRunner.Result result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(expected + "\n", result.Stderr);
    }

    [Theory]
    [InlineData("""{"Version": "2012-10-17", "Statement": [], "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""", "Statement")]
    [InlineData("""{"Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""", "Effect")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "1"}, "StringEquals": {"aws:SourceAccount": "2"}}}]}""", "StringEquals")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "1", "aws:SourceAccount": "2"}}}]}""", "aws:SourceAccount")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "a", "AWS": "*"}}]}""", "AWS")]
    public void A_member_named_twice_is_an_error(string policy, string member)
    {
        _dir.Write("dup.policy.json", policy);

        var result = Diff("good.policy.json", "dup.policy.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: dup.policy.json: invalid JSON at line 1, position ", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith($": the member \"{member}\" appears twice in one object\n", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Invalid_utf8_is_an_error()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Document(Read).Replace("b/in/*", "b/in/\u0001*", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xC3; // a lead byte followed by '*': not UTF-8
        File.WriteAllBytes(Path.Combine(_dir.Path, "bad.policy.json"), bytes);

        AssertOneLineError(Diff("good.policy.json", "bad.policy.json"), "error: bad.policy.json: not valid UTF-8 at line 4, byte 97 of the line (policy files are UTF-8 text)");
    }

    [Fact]
    public void A_device_is_refused_before_it_is_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no /dev/zero
        }

        AssertOneLineError(Diff("good.policy.json", "/dev/zero"), "error: /dev/zero: not a regular file (a character device); only policy files are read");
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no FIFOs
        }

        MakeFifo(Path.Combine(_dir.Path, "pipe.policy.json"));
        AssertOneLineError(Diff("good.policy.json", "pipe.policy.json"), "error: pipe.policy.json: not a regular file (a FIFO); only policy files are read");

        // In a folder too.
        _dir.Write("a/R.policy.json", Document(Read));
        MakeFifo(Path.Combine(_dir.Path, "b/R.policy.json"));
        AssertOneLineError(Diff("a", "b"), "error: b/R.policy.json: not a regular file (a FIFO); only policy files are read");
    }

    private static void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void A_file_over_the_size_cap_is_an_error()
    {
        var big = Document(Read) + new string(' ', 10 * 1024 * 1024);
        File.WriteAllText(Path.Combine(_dir.Path, "big.policy.json"), big);

        AssertOneLineError(Diff("good.policy.json", "big.policy.json"), "error: big.policy.json: larger than 10 MiB, the most policy diff reads from one file");
    }

    [Fact]
    public void Symbolic_links_are_followed_only_inside_the_folder()
    {
        _dir.Write("a/R.policy.json", Document(Read));
        _dir.Write("b/real/R.policy.json", Document(Read));
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "b/R.policy.json"), "real/R.policy.json");

        // Inside: read as the file it points to (b/real/R.policy.json is listed too, as a new file).
        var inside = Diff("a", "b");
        Assert.Equal(1, inside.ExitCode);
        Assert.StartsWith("real/R.policy.json (new file)", inside.Stdout, StringComparison.Ordinal);

        // Outside the folder: refused.
        File.Delete(Path.Combine(_dir.Path, "b/R.policy.json"));
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "b/R.policy.json"), "../good.policy.json");
        AssertOneLineError(Diff("a", "b"), "error: b/R.policy.json: a symbolic link to ../good.policy.json, outside the folder; links are followed only inside it");
    }

    [Fact]
    public void A_symbolic_link_loop_is_an_error()
    {
        _dir.Write("a/R.policy.json", Document(Read));
        _dir.Write("b/sub/R.policy.json", Document(Read));
        Directory.CreateSymbolicLink(Path.Combine(_dir.Path, "b/sub/again"), "..");

        var result = Diff("a", "b");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: b/sub/again: a symbolic link loop (it leads back to ", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_dangling_or_self_referencing_link_is_an_error()
    {
        _dir.Write("a/R.policy.json", Document(Read));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "b"));
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "b/R.policy.json"), "R.policy.json");

        var result = Diff("a", "b");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: b/R.policy.json: a symbolic link ", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }
}
