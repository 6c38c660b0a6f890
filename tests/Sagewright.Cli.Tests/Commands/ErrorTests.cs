using Sagewright.Cli.Tests.Infrastructure;

namespace Sagewright.Cli.Tests.Commands;

/// <summary>User errors: exit code 2, one message naming the file, no stack trace, nothing on stdout.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Good = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""";

    private CliRunner.Result Fails(params string[] args)
    {
        var result = CliRunner.Run(_dir.Path, args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        return result;
    }

    /// <summary>The error <c>policy diff OLD NEW</c> prints, after <see cref="Fails"/>' checks.</summary>
    private string DiffError(string old, string @new) => Fails("policy", "diff", old, @new).Stderr;

    [Fact]
    public void Invalid_json_names_the_file_line_and_position()
    {
        _dir.Write("good.policy.json", Good);
        _dir.Write("bad.policy.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}\n");

        // Line 3 is `  "Statement": [}`: the '}' is its 17th character.
        Assert.Equal("error: bad.policy.json: invalid JSON at line 3, position 17: '}' is an invalid start of a value.\n", DiffError("good.policy.json", "bad.policy.json"));
    }

    [Fact]
    public void Position_counts_characters_not_bytes()
    {
        // `  "Version": "ü", }`: the trailing '}' is the 19th character but the 20th byte (ü is two bytes).
        _dir.Write("bad.policy.json", "{\n  \"Version\": \"ü\", }\n");
        Assert.Equal("error: bad.policy.json: invalid JSON at line 2, position 19: a trailing comma is not allowed in JSON\n", DiffError("bad.policy.json", "bad.policy.json"));
    }

    [Fact]
    public void A_file_in_a_folder_is_named_by_its_folder_path()
    {
        _dir.Write("a/R.policy.json", Good);
        _dir.Write("b/R.policy.json", "");
        Assert.Equal("error: b/R.policy.json: invalid JSON at line 1, position 1: the file holds no JSON value\n", DiffError("a", "b"));
    }

    [Fact]
    public void Not_a_policy_says_what_was_expected()
    {
        _dir.Write("roles.json", """{"account": "111122223333", "roles": []}""");
        _dir.Write("roles-copy.json", """{"account": "111122223333", "roles": []}""");
        _dir.Write("list.json", "[]");
        _dir.Write("effect.json", """{"Statement": [{"Sid": "Read", "Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
        _dir.Write("resource.json", """{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"]}]}""");
        _dir.Write("action.json", """{"Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]}""");
        _dir.Write("good.json", Good);

        Assert.Equal(
            "error: roles-copy.json: not an IAM policy: expected a JSON object with a \"Statement\" member (an array of statements, or one statement object); found an object with \"account\", \"roles\"\n",
            DiffError("good.json", "roles-copy.json"));
        Assert.Equal(
            "error: cannot compare good.json with roles.json: give two policy files or two roles.json files\n",
            DiffError("good.json", "roles.json"));
        Assert.Equal(
            "error: list.json: not an IAM policy: expected a JSON object with a \"Statement\" member (an array of statements, or one statement object); found an array\n",
            DiffError("list.json", "good.json"));
        Assert.Equal(
            "error: effect.json: not an IAM policy: Statement[0] (Sid Read): \"Effect\" must be \"Allow\" or \"Deny\" (case-sensitive); found \"allow\"\n",
            DiffError("good.json", "effect.json"));
        Assert.Equal(
            "error: resource.json: not an IAM policy: Statement[0]: expected \"Resource\" or \"NotResource\" (an identity policy) or \"Principal\" (a trust policy)\n",
            DiffError("good.json", "resource.json"));
        Assert.Equal(
            "error: action.json: not an IAM policy: Statement[0]: \"Action\" must be a string or an array of strings; found a number\n",
            DiffError("good.json", "action.json"));
    }

    [Fact]
    public void Missing_inputs_and_mixed_kinds_are_usage_errors()
    {
        _dir.Write("a/R.policy.json", Good);
        _dir.Write("one.policy.json", Good);

        Assert.Equal(
            "error: nope.policy.json: no such file or folder (NEW must be a policy file, a folder, or REV:path such as main:policies/iam)\n",
            DiffError("one.policy.json", "nope.policy.json"));
        Assert.Equal(
            "error: cannot compare the folder a with the file one.policy.json: give two policy files or two folders\n",
            DiffError("a", "one.policy.json"));
    }

    [Fact]
    public void Bad_usage_exits_2_with_a_pointer_to_help()
    {
        Assert.Equal("error: Required command was not provided.\nRun 'sagewright --help' for usage.\n", Fails().Stderr);
        Assert.Equal(
            "error: Required argument missing for command: 'diff'.\nRun 'sagewright policy diff --help' for usage.\n",
            Fails("policy", "diff", "a").Stderr);
        Assert.StartsWith("error: Argument 'xml' not recognized. Must be one of:", Fails("policy", "diff", "a", "b", "--format", "xml").Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: Argument 'json' not recognized.", Fails("policy", "explain", "x.policy.json", "--format", "json").Stderr, StringComparison.Ordinal);
        Assert.Contains("Unrecognized command or argument '--bogus'", Fails("policy", "diff", "a", "b", "--bogus").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_argument_is_reported_once()
    {
        // diff has two arguments: each missing one was a parse error with the same message.
        var diff = Fails("policy", "diff").Stderr;
        Assert.Equal("error: Required argument missing for command: 'diff'.\nRun 'sagewright policy diff --help' for usage.\n", diff);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(diff, "Required argument missing"));

        Assert.Equal(
            "error: Required argument missing for command: 'explain'.\nRun 'sagewright policy explain --help' for usage.\n",
            Fails("policy", "explain").Stderr);
    }

    [Theory]
    [InlineData("--help", "sagewright [command] [options]")]
    [InlineData("policy --help", "sagewright policy [command] [options]")]
    [InlineData("policy diff --help", "sagewright policy diff <OLD> <NEW> [options]")]
    [InlineData("policy explain --help", "sagewright policy explain <POLICY> [options]")]
    public void Usage_lines_name_the_tool_sagewright(string arguments, string usage)
    {
        var result = CliRunner.Run(_dir.Path, arguments.Split(' '));
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Contains("Usage:\n  " + usage + "\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Sagewright.Cli", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_exits_0_and_documents_the_commands()
    {
        var root = CliRunner.Run(_dir.Path, "--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Contains("policy", root.Stdout, StringComparison.Ordinal);

        var diff = CliRunner.Run(_dir.Path, "policy", "diff", "--help");
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("OLD", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("--allow-widening", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 no change or narrowing only, 1 widening, 2 usage or input error.", diff.Stdout, StringComparison.Ordinal);
    }
}
