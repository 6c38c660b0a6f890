using System.Globalization;
using Sagewright.Cli.Tests.Infrastructure;
using static Sagewright.Cli.Tests.Infrastructure.Policies;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>What counts as widening, and the exit codes that follow, through the command itself.</summary>
public sealed class DiffSemanticsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Diff(string oldPolicy, string newPolicy, params string[] extra)
    {
        _dir.Write("old.policy.json", oldPolicy);
        _dir.Write("new.policy.json", newPolicy);
        return CliRunner.Run(_dir.Path, ["policy", "diff", "old.policy.json", "new.policy.json", .. extra]);
    }

    private const string ReadRaw = """{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/raw-data/*"}""";

    [Fact]
    public void Narrowing_only_exits_0_and_still_lists_the_changes()
    {
        var result = Diff(Document(ReadRaw), Document("""{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/raw-data/2024/*"}"""));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            old.policy.json -> new.policy.json (modified): 0 added, 0 removed, 1 changed
              ~ Allow s3:GetObject (Sid Read): resource changed from arn:aws:s3:::bucket/raw-data/* to arn:aws:s3:::bucket/raw-data/2024/*

            1 file compared, 1 changed: 0 grants added, 0 removed, 1 changed, no widening.

            """, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void A_sibling_prefix_is_widening_exit_1()
    {
        var result = Diff(Document(ReadRaw), Document("""{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/raw-data-old/*"}"""));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("WIDENING: no old Allow grant for this action covers resource arn:aws:s3:::bucket/raw-data-old/*", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("widening: 1 change widens what a role may do; review it, or pass --allow-widening to accept it.\n", result.Stderr);
    }

    [Fact]
    public void Allow_widening_exits_0_but_keeps_the_mark()
    {
        var result = Diff(Document(ReadRaw), Document("""{"Sid": "Read", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/raw-data/*"}"""), "--allow-widening");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("WIDENING: no old Allow grant covers action s3:*", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("warning: 1 widening change accepted with --allow-widening.\n", result.Stderr);
    }

    [Fact]
    public void A_new_action_is_widening_even_on_a_covered_resource()
    {
        var result = Diff(Document(ReadRaw), Document(ReadRaw, """{"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bucket/raw-data/*"}"""));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("""
              + Allow s3:PutObject on arn:aws:s3:::bucket/raw-data/* (Sid Write)
                WIDENING: no old Allow grant covers action s3:PutObject
            """, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loosened_condition_is_widening_a_tightened_one_is_not()
    {
        const string one = """{"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}}""";
        const string two = """{"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": ["sagemaker.amazonaws.com", "lambda.amazonaws.com"]}}}""";

        var loosened = Diff(Document(one), Document(two));
        Assert.Equal(1, loosened.ExitCode);
        Assert.Contains(
            "WIDENING: condition loosened: was StringEquals iam:PassedToService = sagemaker.amazonaws.com, now StringEquals iam:PassedToService in [lambda.amazonaws.com, sagemaker.amazonaws.com]",
            loosened.Stdout, StringComparison.Ordinal);

        var tightened = Diff(Document(two), Document(one));
        Assert.Equal(0, tightened.ExitCode);
        Assert.DoesNotContain("WIDENING", tightened.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_condition_narrows()
    {
        var result = Diff(Document(ReadRaw), Document("""{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/raw-data/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}"""));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ Allow s3:GetObject on arn:aws:s3:::bucket/raw-data/* (Sid Read): conditions changed from (none) to Bool aws:SecureTransport = true", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_deny_widens_adding_one_narrows()
    {
        const string deny = """{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}""";

        var removed = Diff(Document(ReadRaw, deny), Document(ReadRaw));
        Assert.Equal(1, removed.ExitCode);
        Assert.Contains("""
              - Deny s3:DeleteObject on * (Sid NoDelete)
                WIDENING: Deny removed: nothing forbids this any more
            """, removed.Stdout, StringComparison.Ordinal);

        var added = Diff(Document(ReadRaw), Document(ReadRaw, deny));
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("+ Deny s3:DeleteObject on * (Sid NoDelete)", added.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_that_now_needs_a_condition_widens_a_broader_deny_does_not()
    {
        const string deny = """{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::bucket/*"}""";
        const string conditional = """{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::bucket/*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "ml"}}}""";
        const string broader = """{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}""";

        var narrowedDeny = Diff(Document(ReadRaw, deny), Document(ReadRaw, conditional));
        Assert.Equal(1, narrowedDeny.ExitCode);
        Assert.Contains("WIDENING: Deny narrowed: it now applies only when StringNotEquals aws:PrincipalTag/team = ml", narrowedDeny.Stdout, StringComparison.Ordinal);

        var broadened = Diff(Document(ReadRaw, deny), Document(ReadRaw, broader));
        Assert.Equal(0, broadened.ExitCode);
    }

    [Fact]
    public void Reordering_and_respelling_is_no_change()
    {
        var result = Diff(
            Document(ReadRaw, """{"Sid": "Io", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": ["arn:aws:s3:::b/out/*", "arn:aws:s3:::b/in/*"]}"""),
            Document("""{"Sid": "Io", "Effect": "Allow", "Action": ["S3:GETOBJECT", "s3:putobject"], "Resource": ["arn:aws:s3:::b/in/*", "arn:aws:s3:::b/out/*"]}""", ReadRaw));
        Assert.Equal((0, "No policy changes (1 file compared).\n"), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public void Folders_pair_files_by_relative_path_including_trust_policies_and_new_roles()
    {
        const string trust = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}""";
        const string openTrust = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
        _dir.Write("a/P/iam/P-job.policy.json", Document(ReadRaw));
        _dir.Write("a/P/iam/P-job.trust.json", trust);
        _dir.Write("a/P/iam/P-old.policy.json", Document(ReadRaw));
        _dir.Write("a/P/iam/report.md", "# ignored");
        _dir.Write("b/P/iam/P-job.policy.json", Document(ReadRaw));
        _dir.Write("b/P/iam/P-job.trust.json", openTrust);
        _dir.Write("b/P/iam/P-new.policy.json", Document(ReadRaw));
        _dir.Write("b/P/iam/settings.json", "not even json");

        var result = CliRunner.Run(_dir.Path, "policy", "diff", "a", "b");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            P/iam/P-job.trust.json (modified): 0 added, 0 removed, 1 changed, 1 widening
              ~ Allow sts:AssumeRole for Service:sagemaker.amazonaws.com: conditions changed from StringEquals aws:SourceAccount = 111122223333 to (none)
                WIDENING: condition removed: StringEquals aws:SourceAccount = 111122223333

            P/iam/P-new.policy.json (new file): 1 added, 0 removed, 1 widening
              + Allow s3:GetObject on arn:aws:s3:::bucket/raw-data/* (Sid Read)
                WIDENING: no old Allow grant covers action s3:GetObject

            P/iam/P-old.policy.json (deleted): 0 added, 1 removed
              - Allow s3:GetObject on arn:aws:s3:::bucket/raw-data/* (Sid Read)

            4 files compared, 3 changed: 1 grant added, 1 removed, 1 changed, 2 widening changes.

            """, result.Stdout);
    }

    [Fact]
    public void An_empty_folder_is_compared_but_warned_about()
    {
        _dir.Write("a/R.policy.json", Document(ReadRaw));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "empty"));

        // Everything removed: narrowing, exit 0, but a folder without policies is probably the wrong one.
        var result = CliRunner.Run(_dir.Path, "policy", "diff", "a", "empty");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("R.policy.json (deleted): 0 added, 1 removed\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("warning: NEW folder empty holds no *.policy.json, *.trust.json or roles.json files.\n", result.Stderr);

        var added = CliRunner.Run(_dir.Path, "policy", "diff", "empty", "a");
        Assert.Equal(1, added.ExitCode);
        Assert.StartsWith("warning: OLD folder empty holds no *.policy.json, *.trust.json or roles.json files.\n", added.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_identical_under_a_turkish_culture()
    {
        // Turkish lower-cases 'I' to dotless 'ı': culture-sensitive lower-casing would make IAM:PassRole
        // differ from iam:passrole and sort differently.
        _dir.Write("a/R.policy.json", Document(
            """{"Sid": "Pass", "Effect": "Allow", "Action": "IAM:PassRole", "Resource": "arn:aws:iam::111122223333:role/R"}""",
            """{"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::INPUT", "Condition": {"StringLike": {"S3:Prefix": "I/*"}}}"""));
        _dir.Write("b/R.policy.json", Document(
            """{"Sid": "Pass", "Effect": "Allow", "Action": "iam:passrole", "Resource": "arn:aws:iam::111122223333:role/R"}""",
            """{"Sid": "List", "Effect": "Allow", "Action": "S3:LISTBUCKET", "Resource": "arn:aws:s3:::INPUT", "Condition": {"StringLike": {"s3:prefix": "I/*"}}}""",
            """{"Sid": "Items", "Effect": "Allow", "Action": ["s3:GetObject", "IAM:GetRole"], "Resource": ["arn:aws:s3:::INPUT/I*", "arn:aws:s3:::INPUT/i*"]}"""));

        var invariant = RunIn(CultureInfo.InvariantCulture);
        var turkish = RunIn(new CultureInfo("tr-TR"));

        Assert.Equal(invariant, turkish);
        Assert.Equal(1, invariant.ExitCode);
        // Pass and List are unchanged whatever the case; only the four Items grants are new.
        Assert.StartsWith("R.policy.json (modified): 4 added, 0 removed, 4 widening\n  + Allow IAM:GetRole on arn:aws:s3:::INPUT/I* (Sid Items)\n", invariant.Stdout, StringComparison.Ordinal);

        CliRunner.Result RunIn(CultureInfo culture)
        {
            var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
                var text = CliRunner.Run(_dir.Path, "policy", "diff", "a", "b");
                var markdown = CliRunner.Run(_dir.Path, "policy", "diff", "a", "b", "-f", "markdown");
                var json = CliRunner.Run(_dir.Path, "policy", "diff", "a", "b", "-f", "json");
                return text with { Stdout = text.Stdout + markdown.Stdout + json.Stdout };
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
            }
        }
    }

    [Fact]
    public void Repeated_runs_are_byte_identical()
    {
        Scenario.Write(_dir);
        var first = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "markdown");
        var second = CliRunner.Run(_dir.Path, "policy", "diff", "old", "new", "-f", "markdown");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Two_100k_character_wildcard_resources_are_compared_without_exhausting_memory()
    {
        var a = "arn:aws:s3:::b/" + string.Concat(Enumerable.Repeat("a*", 50_000));
        var b = "arn:aws:s3:::b/" + string.Concat(Enumerable.Repeat("a?", 50_000));
        var before = GC.GetTotalAllocatedBytes(precise: false);

        var result = Diff(
            Document($$"""{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "{{a}}"}"""),
            Document($$"""{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "{{b}}"}"""));

        // Longer than the 4,096 characters compared: never proved covered, so the change widens.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("WIDENING: no old Allow grant for this action covers resource", result.Stdout, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: false) - before < 500_000_000);
    }
}
