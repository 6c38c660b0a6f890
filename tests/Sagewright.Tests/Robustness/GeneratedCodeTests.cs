using Microsoft.CodeAnalysis;
using Sagewright.Compiler.Generator;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Robustness;

/// <summary>Issue 16: whatever a pipeline class is called and wherever it is declared, the generated code compiles
/// (or, where it cannot, the user is told why), and hint names never collide.</summary>
public class GeneratedCodeTests
{
    private static GeneratorOutput GenerateClean(params (string Path, string Text)[] sources)
    {
        var output = TestProject.Generate(TestProject.Compilation(sources));
        var errors = output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + string.Join("\n---\n", output.GeneratedSources));
        return output;
    }

    private static GeneratorOutput GenerateClean(string source) => GenerateClean(("/src/project/File0.cs", source));

    [Fact]
    public void Classes_whose_names_differ_only_in_case_get_distinct_hint_names()
    {
        var output = GenerateClean("""
            using Sagewright;

            [Pipeline("First")]
            public static partial class Demo;

            [Pipeline("Second")]
            public static partial class demo;
            """);
        Assert.Contains("First/pipeline.json", output.Files().Keys);
        Assert.Contains("Second/pipeline.json", output.Files().Keys);
        Assert.NotEqual(PipelineGenerator.HintName("Demo").ToUpperInvariant(), PipelineGenerator.HintName("demo").ToUpperInvariant());
    }

    [Theory]
    [InlineData("[Pipeline(\"Demo\")] public static partial class Demo;\n[Pipeline(\"Demo\")] public static partial class Demo;")]
    [InlineData("[Pipeline(\"Demo\")] public static class Demo;\n[Pipeline(\"Demo\")] public static class Demo;")]
    public void A_pipeline_class_declared_twice_does_not_crash_the_generator(string declarations)
    {
        var output = TestProject.Generate("using Sagewright;\n" + declarations); // fails on CS8785
        Assert.Single(output.GeneratedSources);
    }

    [Fact]
    public void A_file_local_pipeline_class_generates_its_files_without_constants()
    {
        var output = GenerateClean("""
            using Sagewright;

            [Pipeline("Demo")]
            file static partial class Demo;
            """);
        Assert.Contains("Demo/pipeline.json", output.Files().Keys);
        Assert.DoesNotContain(output.GeneratedSources, s => s.Contains("PipelineDefinition =", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_local_pipeline_and_step_are_analysed_like_any_other()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
            file static partial class Demo;

            [ProcessingStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
            [Input({|SGW005:"s3:/bad"|}, "/opt/ml/processing/input")]
            file sealed class Prep;
            """);
    }

    [Fact]
    public void Keyword_names_are_escaped()
    {
        var output = GenerateClean("""
            namespace @class.@namespace
            {
                [Sagewright.Pipeline("Demo")]
                public static partial class @event;

                public static class Use
                {
                    public const string Name = @event.PipelineName;
                }
            }
            """);
        var source = Assert.Single(output.GeneratedSources);
        Assert.Contains("namespace @class.@namespace", source, StringComparison.Ordinal);
        Assert.Contains("partial class @event", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_nested_in_a_generic_class_gets_its_constants_in_that_class()
    {
        var output = GenerateClean("""
            using Sagewright;

            public static partial class Outer<T, TOther>
            {
                public static partial class Middle<TInner>
                {
                    [Pipeline("Demo")]
                    public static partial class Demo;
                }
            }

            public static class Use
            {
                public const string Name = Outer<int, string>.Middle<bool>.Demo.PipelineName;
            }
            """);
        var source = Assert.Single(output.GeneratedSources);
        Assert.Contains("partial class Outer<T, TOther>", source, StringComparison.Ordinal);
        Assert.Contains("partial class Middle<TInner>", source, StringComparison.Ordinal);
    }

    private static readonly ProjectOptions EmbedDefinition = ProjectOptions.Default with
    {
        GlobalConfig = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("build_property.SagewrightEmbedDefinition", "true"),
    };

    [Fact]
    public void SGW013_a_member_or_nested_type_with_a_generated_name()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
            public static partial class Demo
            {
                public const string {|SGW013:PipelineName|} = "mine";

                public static class {|SGW013:PipelineDefinition|};
            }
            """, EmbedDefinition);
        Assert.Equal(
            "Sagewright adds the constant 'PipelineName' to pipeline class 'Demo'; rename this member (the generated one is 'Demo.PipelineName')",
            diagnostics.Select(Src.Message).Order(StringComparer.Ordinal).Last());
    }

    [Fact]
    public void Without_the_definition_constant_a_member_named_PipelineDefinition_is_fine_and_the_pipeline_generates()
    {
        const string source = """
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
            public static partial class Demo
            {
                public static class PipelineDefinition;
            }
            """;
        Markup.Verify(source);
        var output = GenerateClean(source);
        Assert.Contains("Demo/pipeline.json", output.Files().Keys);
        Assert.DoesNotContain(output.GeneratedSources, s => s.Contains("PipelineDefinition =", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW013_a_pipeline_class_named_like_a_generated_member()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
            public static partial class {|SGW013:PipelineName|};
            """);
    }

    [Fact]
    public void A_non_partial_pipeline_may_have_members_with_the_generated_names()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "test"), Tag("team", "ml"), Tag("pipeline", "demo")]
            public static class Demo
            {
                public const string PipelineName = "mine";
            }
            """);
    }

    [Fact]
    public void Partial_parts_in_any_compile_order_give_byte_identical_output()
    {
        var first = ("/src/project/A.cs", """
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter] public const string Zeta = "z";
            }

            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:check")]
            [StepInput("first", nameof(Demo.Zeta))]
            public sealed partial class Check
            {
                [OutputParameter] public static readonly string A = "";
            }
            """);
        var second = ("/src/project/B.cs", """
            using Sagewright;

            public static partial class Demo
            {
                [Parameter] public const string Alpha = "a";
            }

            [StepInput("second", nameof(Demo.Alpha))]
            public sealed partial class Check
            {
                [OutputParameter] public static readonly string B = "";
            }
            """);
        var forward = GenerateClean(first, second);
        var reversed = GenerateClean(second, first);
        Assert.Equal(forward.GeneratedSources, reversed.GeneratedSources);
        var definition = forward.Definition();
        Assert.True(definition.IndexOf("\"Zeta\"", StringComparison.Ordinal) < definition.IndexOf("\"Alpha\"", StringComparison.Ordinal), definition);
        Assert.True(definition.IndexOf("\"first\"", StringComparison.Ordinal) < definition.IndexOf("\"second\"", StringComparison.Ordinal), definition);
    }
}
