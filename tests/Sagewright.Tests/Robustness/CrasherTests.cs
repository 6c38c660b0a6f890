using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Robustness;

/// <summary>Inputs that used to crash or hang the compiler (issue 16): each is now a diagnostic.</summary>
public class CrasherTests
{
    [Fact]
    public void Output_whose_destination_names_itself_is_a_reference_error()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output", {|SGW004:Destination = nameof(Prep.Out)|})] public const string Out = "out";
            }
            """);
        Assert.Equal("Output 'Out' has itself as its destination: name an S3 location, a parameter or another step's output", Src.Single(diagnostics, "SGW004"));
    }

    [Fact]
    public void Output_whose_interpolated_destination_names_itself_is_a_reference_error()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output", {|SGW004:Destination = $"{nameof(Out)}/x"|})] public const string Out = "out";
            }
            """);
    }

    [Fact]
    public void Outputs_whose_destinations_name_each_other_are_a_reference_error()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/a", {|SGW004:Destination = nameof(B)|})] public const string A = "a";
                [Output("/opt/ml/processing/b", {|SGW004:Destination = nameof(A)|})] public const string B = "b";
            }
            """);
    }

    [Fact]
    public void Outputs_of_two_steps_whose_destinations_name_each_other_do_not_crash()
    {
        var output = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class A
            {
                [Output("/opt/ml/processing/a", Destination = nameof(B.Out))] public const string Out = "a";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class B
            {
                [Output("/opt/ml/processing/b", Destination = nameof(A.Out))] public const string Out = "b";
            }
            """);
        Assert.Contains(TestProject.Analyze(output.Compilation), d => d.Id == "SGW003");
    }

    [Theory]
    [InlineData(14)]
    [InlineData(100)]
    public void Conditions_that_reuse_a_condition_are_measured_before_they_are_expanded(int depth)
    {
        var fields = string.Concat(Enumerable.Range(1, depth).Select(i => $"    [Or(nameof(C{i - 1}), nameof(C{i - 1}))] public static readonly bool C{i};\n"));
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Work;

            [ConditionStep(typeof(Demo))]
            [{|SGW010:Or(nameof(C{{depth}}), nameof(C0))|}]
            [IfSteps(typeof(Work))]
            public sealed class Gate
            {
                [EqualTo(nameof(Demo.Mode), "fast")] public static readonly bool C0;
            {{fields}}}
            """);
        Assert.StartsWith("This condition expands to more than 10000 conditions", Src.Single(diagnostics, "SGW010"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_that_only_its_indentation_pushes_over_the_quota_is_written_compact()
    {
        // 700 nested [Not]s: about 30 KB of JSON, but over 1 MiB when every level is indented.
        const int depth = 700;
        var fields = string.Concat(Enumerable.Range(1, depth).Select(i => $"    [Not(nameof(C{i - 1}))] public static readonly bool C{i};\n"));
        var output = TestProject.Generate(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Work;

            [ConditionStep(typeof(Demo))]
            [Not(nameof(C{{depth}}))]
            [IfSteps(typeof(Work))]
            public sealed class Gate
            {
                [EqualTo(nameof(Demo.Mode), "fast")] public static readonly bool C0;
            {{fields}}}
            """);
        var definition = output.Definition();
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(definition) <= 1048576);
        Assert.DoesNotContain("\n ", definition, StringComparison.Ordinal);
        Assert.EndsWith("}\n", definition, StringComparison.Ordinal);
        Assert.Equal(depth + 1, System.Text.RegularExpressions.Regex.Count(definition, "\"Type\":\"Not\""));
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(definition, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 4096 })!;
        Assert.Equal("2020-12-01", (string)parsed["Version"]!);
        Assert.DoesNotContain(TestProject.Analyze(output.Compilation), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    [Fact]
    public void Conditions_that_reuse_a_condition_within_the_limit_are_written_out()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Work;

            [ConditionStep(typeof(Demo))]
            [Or(nameof(C1), nameof(C0))]
            [IfSteps(typeof(Work))]
            public sealed class Gate
            {
                [EqualTo(nameof(Demo.Mode), "fast")] public static readonly bool C0;
                [Or(nameof(C0), nameof(C0))] public static readonly bool C1;
            }
            """).Definition();
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(definition, "\"Type\": \"Equals\""));
    }

    [Fact]
    public void Invalid_customer_metadata_key_used_twice_is_reported_not_thrown()
    {
        Markup.Verify(Src.Demo + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            [CustomerMetadata({|SGW001:"bad#key"|}, "v")]
            [CustomerMetadata({|SGW001:"bad#key"|}, "w")]
            public sealed class A;
            """);
    }
}
