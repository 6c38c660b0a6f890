using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>The review gate end to end (issue 16): two builds of a sample, the second attaching a managed policy to the
/// pipeline role, compared with <c>sagewright policy diff</c> over the generated <c>iam/</c> folders. Only
/// <c>roles.json</c> changes between them, which the gate must still see; an administrator policy does not get that
/// far, because the compiler refuses it.</summary>
public sealed class ReviewGateTests : IDisposable
{
    private const string Anchor = "[Pipeline(\"FraudDetection\"";

    private readonly string _dir = Directory.CreateTempSubdirectory("sagewright-gate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_managed_policy_added_in_a_new_build_is_widening_and_fails_the_gate()
    {
        WriteIam("old", Build(null));
        WriteIam("new", Build("arn:aws:iam::aws:policy/AmazonS3FullAccess"));

        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Sagewright.Cli.Program.Run(["policy", "diff", "old/iam", "new/iam"], stdout, stderr,
            new Sagewright.Cli.Output.CliEnvironment(_dir, StdoutIsTerminal: false, NoColor: null, Term: null));

        Assert.Equal(1, code);
        Assert.Contains("managed policy attached: arn:aws:iam::aws:policy/AmazonS3FullAccess", stdout.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("widening:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_administrator_policy_is_refused_by_the_compiler_so_no_build_carries_it()
    {
        var files = Build("arn:aws:iam::aws:policy/AdministratorAccess");
        Assert.DoesNotContain(files.Keys, k => k.StartsWith("FraudDetection/", StringComparison.Ordinal));
    }

    private static SortedDictionary<string, string> Build(string? managedPolicy)
    {
        var sources = Samples.Sources("FraudDetection")
            .Select(s => managedPolicy is null || !s.Text.Contains(Anchor, StringComparison.Ordinal)
                ? s
                : (Path: s.Path, Text: s.Text.Replace(Anchor, "[AttachManagedPolicy(\"" + managedPolicy + "\")]\n" + Anchor, StringComparison.Ordinal)))
            .ToArray();
        Assert.Contains(sources, s => managedPolicy is null || s.Text.Contains(managedPolicy, StringComparison.Ordinal));
        return TestProject.Generate(TestProject.Compilation(sources), Samples.Options("FraudDetection")).Files();
    }

    private void WriteIam(string folder, SortedDictionary<string, string> files)
    {
        const string prefix = "FraudDetection/iam/";
        Assert.Contains(files.Keys, k => k == prefix + "roles.json");
        foreach (var (path, content) in files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var full = Path.Combine(_dir, folder, "iam", path.Substring(prefix.Length));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
    }
}
