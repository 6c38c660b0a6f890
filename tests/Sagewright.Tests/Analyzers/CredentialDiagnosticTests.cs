using Microsoft.CodeAnalysis;
using Sagewright.Compiler.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>SGW201: AWS credentials in any string of the compilation. The keys here are made up (right shape,
/// no account behind them) except where a test is about AWS's documentation example keys.</summary>
public class CredentialDiagnosticTests
{
    /// <summary>A made-up access key ID: AKIA and 16 characters of A-Z and 2-7.</summary>
    private const string KeyId = "AKIAQ2RTVWXY3Z4ABCDE";

    /// <summary>A made-up secret access key: 40 base-64 characters, both cases.</summary>
    private const string Secret = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB";

    // ---- access key IDs: every kind of string, everywhere ----------------------------------------

    [Fact]
    public void Access_key_id_is_reported_in_every_kind_of_string()
    {
        Markup.Verify(""""
            using System;

            public static class Settings
            {
                public const string Const = {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|};
                public static readonly string Field = {|SGW201:@"AKIAQ2RTVWXY3Z4ABCDE"|};
                public static string Property { get; } = {|SGW201:"""AKIAQ2RTVWXY3Z4ABCDE"""|};
                public static ReadOnlySpan<byte> Utf8 => {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"u8|};
                public static string Interpolated(int n) => $"{n}{|SGW201::AKIAQ2RTVWXY3Z4ABCDE|}";
                public static string Concatenated => "id=" + {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE;"|};
                public static void Connect(string key = {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|}) { }

                public static string Local()
                {
                    var key = {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|};
                    return key;
                }
            }
            """");
    }

    [Fact]
    public void Access_key_id_is_reported_in_attribute_arguments_including_pipeline_code()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("AWS_ACCESS_KEY_ID", {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|})]
            [ContainerArguments("--key", {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|})]
            public sealed class Prep;

            [System.ComponentModel.Description(description: {|SGW201:"uses AKIAQ2RTVWXY3Z4ABCDE"|})]
            public sealed class Documented;
            """);
    }

    [Fact]
    public void Access_key_id_is_reported_in_assembly_and_module_attributes()
    {
        Markup.Verify("""
            [assembly: System.Reflection.AssemblyMetadata("deploy-key", {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|})]
            [module: System.Diagnostics.CodeAnalysis.SuppressMessage("x", "y", Justification = {|SGW201:"key ASIAQ2RTVWXY3Z4ABCDE"|})]
            """);
    }

    [Fact]
    public void Access_key_id_in_a_multi_line_string_is_reported_at_the_key_itself()
    {
        Markup.Verify(""""
            public static class Config
            {
                public const string Ini = """
                    [default]
                    aws_access_key_id = {|SGW201:AKIAQ2RTVWXY3Z4ABCDE|}
                    region = us-east-1
                    """;

                public const string Verbatim = @"line one
            key: {|SGW201:ASIAQ2RTVWXY3Z4ABCDE|}";
            }
            """");
    }

    [Theory]
    [InlineData("AKIA", "an AWS access key ID")]
    [InlineData("ASIA", "a temporary AWS access key ID (from AWS STS)")]
    [InlineData("ABIA", "an AWS STS service bearer token ID")]
    [InlineData("ACCA", "an AWS context-specific credential ID")]
    public void Every_credential_prefix_is_reported_and_named(string prefix, string description)
    {
        var diagnostics = Markup.Verify($$"""
            public static class Keys
            {
                public const string Key = {|SGW201:"{{prefix}}Q2RTVWXY3Z4ABCDE"|};
            }
            """);
        Assert.StartsWith($"String contains {description} ({prefix}…, 20 characters): ", Src.Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.Equal(prefix, diagnostics[0].Properties[CredentialAnalyzer.PrefixProperty]);
        Assert.Equal("AccessKeyId", diagnostics[0].Properties[CredentialAnalyzer.KindProperty]);
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
    }

    [Theory]
    [InlineData("AIDAQ2RTVWXY3Z4ABCDE")] // IAM user ID: an identifier, not a credential
    [InlineData("AROAQ2RTVWXY3Z4ABCDE")] // role ID
    [InlineData("AGPAQ2RTVWXY3Z4ABCDE")] // group ID
    [InlineData("ANPAQ2RTVWXY3Z4ABCDE")] // managed policy ID
    [InlineData("AKIAQ2RTVWXY3Z4ABCD")] // 19 characters
    [InlineData("AKIAQ2RTVWXY3Z4ABCDEF")] // part of a longer run
    [InlineData("XAKIAQ2RTVWXY3Z4ABCDE")] // part of a longer run
    [InlineData("AKIAQ2RTVWXY3Z4ABCD8")] // 8 is not in AWS's base-32 alphabet
    [InlineData("AKIAQ2RTVWXY3Z4ABCD0")] // nor is 0
    [InlineData("akiaq2rtvwxy3z4abcde")]
    [InlineData("AKIAI44QH8DHBEXAMPLE")] // AWS's second documentation example has an 8: not a possible key
    public void Strings_that_are_not_access_key_ids_are_silent(string value)
    {
        Markup.Verify($$"""
            public static class Ids
            {
                public const string Value = "{{value}}";
            }
            """);
    }

    [Fact]
    public void Keys_are_found_between_separators()
    {
        Markup.Verify("""
            public static class Text
            {
                public const string A = {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE:kq7RZs"|};
                public const string B = {|SGW201:"https://example.com/?key=AKIAQ2RTVWXY3Z4ABCDE&x=1"|};
                public const string C = {|SGW201:"(AKIAQ2RTVWXY3Z4ABCDE)"|};
            }
            """);
    }

    [Fact]
    public void Two_keys_in_one_string_are_two_diagnostics()
    {
        var diagnostics = Markup.Verify("""
            public static class Text
            {
                public const string Both = {|SGW201:{|SGW201:"AKIAQ2RTVWXY3Z4ABCDE,ASIAQ2RTVWXY3Z4ABCDE"|}|};
            }
            """);
        Assert.Equal(["AKIA", "ASIA"], diagnostics.Select(d => d.Properties[CredentialAnalyzer.PrefixProperty]).Order(StringComparer.Ordinal));
    }

    // ---- secret access keys: only next to a name that says so -------------------------------------

    [Fact]
    public void Secret_access_key_is_reported_where_a_name_says_it_is_one()
    {
        Markup.Verify("""
            using System;
            using System.Collections.Generic;

            public sealed class Credentials
            {
                public string? AccessKey { get; set; }
                public string? SecretAccessKey { get; set; }
                public Credentials() { }
                public Credentials(string accessKey, string secretKey) { }
            }

            public static class Settings
            {
                public const string AwsSecretAccessKey = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                private static readonly string aws_secret_access_key = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                public static string SecretKey { get; } = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                public static string AwsSecret => {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                public static string GetSecretKey() { return {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|}; }
                public static void Connect(string secretKey = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|}) { }

                public static object Use()
                {
                    var secretAccessKey = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                    Connect(secretKey: {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|});
                    var positional = new Credentials("id", {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|});
                    var initialised = new Credentials { AccessKey = "id", SecretAccessKey = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|} };
                    initialised.SecretAccessKey = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                    var indexed = new Dictionary<string, string> { ["aws_secret_access_key"] = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|} };
                    var pairs = new Dictionary<string, string> { { "AWS_SECRET_ACCESS_KEY", {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|} } };
                    indexed["AWS_SECRET_ACCESS_KEY"] = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                    pairs.Add("secret_key", {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|});
                    Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|});
                    var tuple = ("AWS_SECRET_ACCESS_KEY", {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|});
                    var anonymous = new { SecretKey = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|} };
                    string? fromConfig = null;
                    var secretKeyOrDefault = fromConfig ?? {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                    return (secretAccessKey, positional, initialised, indexed, pairs, tuple, anonymous, secretKeyOrDefault);
                }
            }
            """);
    }

    [Fact]
    public void Secret_access_key_in_pipeline_attributes_is_reported()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("AWS_SECRET_ACCESS_KEY", {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|})]
            public sealed class Prep;

            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ConnectAttribute(string secretKey) : System.Attribute
            {
                public string SecretKey { get; } = secretKey;
                public string? SecretAccessKey { get; set; }
            }

            [Connect({|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|}, SecretAccessKey = {|SGW201:"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|})]
            public sealed class Connected;
            """);
    }

    [Fact]
    public void Secret_access_key_written_as_name_and_value_inside_a_string_is_reported()
    {
        Markup.Verify(""""
            public static class Files
            {
                public const string Credentials = """
                    [default]
                    aws_access_key_id = {|SGW201:AKIAQ2RTVWXY3Z4ABCDE|}
                    aws_secret_access_key = {|SGW201: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|}
                    """;

                public const string Json = {|SGW201:"{\"SecretAccessKey\": \"kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB\"}"|};
                public const string Env = {|SGW201:"AWS_SECRET_ACCESS_KEY=kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"|};
                public static string Interpolated(string region) => $"region={region}{|SGW201:;aws_secret_access_key='kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB'|}";
            }
            """");
    }

    [Fact]
    public void Forty_character_strings_elsewhere_are_silent()
    {
        Markup.Verify(""""
            using System.Collections.Generic;

            public static class Data
            {
                // Base-64 and hashes under ordinary names.
                public const string Checksum = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB";
                public const string Payload = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB";
                public static readonly string Token = Encode("kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB");
                public static readonly Dictionary<string, string> Map = new() { ["etag"] = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB" };

                // A secret's name, but not the shape of a secret key.
                public const string SecretKeySha1 = "3f786850e387550fdab836ed7e6dc881de23001b";
                public const string SecretKeyHex = "3F786850E387550FDAB836ED7E6DC881DE23001B";
                public const string SecretKey41 = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtBx";
                public const string SecretKeyPadded = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB=";
                public const string SecretKeyPlaceholder = "<your secret access key>";
                public const string Text = """
                    checksum = kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB
                    """;

                private static string Encode(string value) => value;
            }
            """");
    }

    // ---- messages and the documentation example keys ----------------------------------------------

    [Fact]
    public void Messages_never_repeat_the_credential()
    {
        var diagnostics = Markup.Verify("""
            public static class Keys
            {
                public const string AccessKey = {|SGW201:"AKIAQ2RTVWXY3Z4ABCDE"|};
                public const string SecretKey = {|SGW201:"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"|};
            }
            """);
        foreach (var diagnostic in diagnostics)
        {
            var message = Src.Message(diagnostic);
            Assert.DoesNotContain(KeyId[4..], message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret[..8], message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret[^8..], message, StringComparison.Ordinal);
            Assert.All(diagnostic.Properties.Values, v => Assert.DoesNotContain(KeyId[4..], v ?? string.Empty, StringComparison.Ordinal));
        }

        Assert.Equal(
            "String contains an AWS access key ID (AKIA…, 20 characters): credentials in source code leak with every copy of it; get them at run time from the default credential chain (an IAM role, environment variables or a profile), and deactivate and rotate this key",
            Src.Message(diagnostics.Single(d => d.Properties[CredentialAnalyzer.KindProperty] == "AccessKeyId")));
        Assert.Equal(
            "'SecretKey' is given what looks like an AWS secret access key (40 characters): credentials in source code leak with every copy of it; get them at run time from the default credential chain (an IAM role, environment variables or a profile), and deactivate and rotate this key",
            Src.Message(diagnostics.Single(d => d.Properties[CredentialAnalyzer.KindProperty] == "SecretAccessKey")));
    }

    [Fact]
    public void Documentation_example_keys_are_reported_and_say_so()
    {
        var diagnostics = Markup.Verify("""
            public static class Keys
            {
                public const string AccessKey = {|SGW201:"AKIAIOSFODNN7EXAMPLE"|};
                public const string SecretKey = {|SGW201:"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"|};
            }
            """);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("true", d.Properties[CredentialAnalyzer.ExampleProperty]);
            Assert.Contains("the example key from the AWS documentation", Src.Message(d), StringComparison.Ordinal);
            Assert.Contains("a placeholder credential in code is where a real one ends up", Src.Message(d), StringComparison.Ordinal);
            Assert.DoesNotContain("EXAMPLE", Src.Message(d), StringComparison.Ordinal);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        });
    }

    // ---- generated code and odd input ----------------------------------------------------------

    [Fact]
    public void Generated_code_is_not_analysed()
    {
        var compilation = TestProject.Compilation(
            ("/src/project/obj/Keys.g.cs", """
                // <auto-generated/>
                public static class GeneratedKeys { public const string Key = "AKIAQ2RTVWXY3Z4ABCDE"; }
                """),
            ("/src/project/Keys.designer.cs", """
                public static class DesignerKeys { public const string Key = "AKIAQ2RTVWXY3Z4ABCDE"; }
                """));
        Assert.Empty(TestProject.Analyze(compilation));
    }

    [Theory]
    [InlineData("""public static class C { public const string SecretKey = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB""")]
    [InlineData("""public static class C { string secretKey = $"{x}kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB{"; }""")]
    [InlineData("""[Unknown(secretKey: "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB", "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB")] class C { }""")]
    [InlineData("""class C { void M() { Missing("kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB"); Missing(secretKey: "AKIAQ2RTVWXY3Z4ABCDE"); } }""")]
    [InlineData("""class C { void M() { var x = new { "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB" }; } }""")]
    [InlineData("class C { const string K = \"\"\"AKIAQ2RTVWXY3Z4ABCDE\"\"\"; const string S = \"\"\"\n AKIAQ2RTVWXY3Z4ABCDE")]
    public void Broken_source_never_makes_the_analyzer_throw(string source)
    {
        // Analyze fails the test on AD0001 (an analyzer exception); what is reported does not matter here.
        TestProject.Analyze(TestProject.Compilation(source));
    }

    // ---- the scanner on its own ----------------------------------------------------------------

    [Theory]
    [InlineData("secretAccessKey", true)]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("SecretKey", true)]
    [InlineData("secret-key", true)]
    [InlineData("awsSecret", true)]
    [InlineData("AwsSecretValue", true)]
    [InlineData("Checksum", false)]
    [InlineData("secret", false)]
    [InlineData("clientSecret", false)]
    [InlineData("accessKey", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Secret_names(string? name, bool isSecret) => Assert.Equal(isSecret, CredentialScanner.IsSecretName(name));

    [Theory]
    [InlineData("aws_secret_access_key = VALUE", "aws_secret_access_key")]
    [InlineData("aws_secret_access_key=VALUE", "aws_secret_access_key")]
    [InlineData("\"SecretAccessKey\": \"VALUE", "SecretAccessKey")]
    [InlineData("secret.key: 'VALUE", "secret.key")]
    [InlineData("VALUE", null)]
    [InlineData("checksum VALUE", null)]
    [InlineData("= VALUE", null)]
    public void Names_written_before_a_value(string text, string? name) =>
        Assert.Equal(name, CredentialScanner.KeyBefore(text, text.IndexOf("VALUE", StringComparison.Ordinal)));

    [Fact]
    public void Scanner_positions_point_at_the_keys()
    {
        const string text = "id=" + KeyId + "\nsecret_key=" + Secret;
        List<CredentialMatch>? matches = null;
        CredentialScanner.FindAccessKeyIds(text, ref matches);
        CredentialScanner.FindSecretCandidates(text, ref matches);
        Assert.NotNull(matches);
        Assert.Equal([KeyId, Secret], matches.Select(m => text.Substring(m.Start, m.Length)));
        Assert.Equal([null, "secret_key"], matches.Select(m => m.Name));
    }
}
