using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>SGW001 (invalid name) and SGW002 (duplicate step name).</summary>
public class NameDiagnosticTests
{
    // ---- SGW001: pipeline ------------------------------------------------------------------------

    [Theory]
    [InlineData("my_pipeline")]
    [InlineData("-leading-hyphen")]
    [InlineData("trailing-hyphen-")]
    [InlineData("has space")]
    [InlineData("")]
    public void SGW001_invalid_pipeline_name_is_reported_at_the_name(string name)
    {
        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [Pipeline({|SGW001:"{{name}}"|})]
            public static partial class Demo;
            """);
        Assert.Contains("pipeline name", Src.Single(diagnostics, "SGW001"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SGW001_pipeline_name_longer_than_256_characters()
    {
        var name = new string('a', 257);
        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [Pipeline({|SGW001:"{{name}}"|})]
            public static partial class Demo;
            """);
        Assert.Contains("257 characters long; the maximum is 256", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_name_of_exactly_256_characters_is_valid()
    {
        Markup.Verify($$"""
            using Sagewright;

            [Pipeline("{{new string('a', 256)}}")]
            public static partial class Demo;
            """);
    }

    [Fact]
    public void SGW001_null_pipeline_name_is_reported_not_replaced_by_the_class_name()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline({|SGW001:null|})]
            public static partial class Demo;
            """);
        Assert.Contains("must not be empty", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\n")]
    [InlineData("\\r")]
    [InlineData("\\u2028")]
    [InlineData("\\u2029")]
    [InlineData("\\u0085")]
    public void SGW001_pipeline_name_with_a_line_break_is_reported_and_the_generated_source_still_compiles(string lineBreak)
    {
        // The generator still writes a source for a pipeline with errors (naming it for the build task); a line
        // break of the name must not end up raw in that source, where it would be C# code and break the build.
        var output = TestProject.Generate($$"""
            using Sagewright;

            [Pipeline("De{{lineBreak}}mo")]
            public static partial class Demo;
            """);
        Assert.Contains("SGW001", output.GeneratedSources.Single(), StringComparison.Ordinal);
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Contains(TestProject.Analyze(output.Compilation), d => d.Id == "SGW001");
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("demo")]
    public void SGW001_pipeline_name_used_by_two_classes_is_reported_on_the_second_by_type_name_order(string name)
    {
        // Both would write Demo/pipeline.json: one definition would silently replace the other.
        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [Pipeline({|SGW001:"{{name}}"|})]
            public static partial class Beta;

            [Pipeline("Demo")]
            public static partial class Alpha;
            """);
        Assert.Equal("Pipeline name '" + name + "' is already used by class 'Alpha'; each pipeline needs its own name (compared ignoring case)", Src.Single(diagnostics, "SGW001"));
    }

    [Fact]
    public void Two_invalid_equal_pipeline_names_are_reported_once_each_as_invalid()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline({|SGW001:"a_b"|})]
            public static partial class Alpha;

            [Pipeline({|SGW001:"a_b"|})]
            public static partial class Beta;
            """);
    }

    [Theory]
    [InlineData("RoleArn")]
    [InlineData("JobRoleArn")]
    public void SGW001_invalid_role_arn_is_reported_at_the_named_argument(string property)
    {
        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [Pipeline("Demo", {|SGW001:{{property}} = "arn:aws:iam::1234:role/pipeline"|})]
            public static partial class Demo;
            """);
        Assert.Contains("is not an IAM role ARN", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_role_arns_are_accepted()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo", RoleArn = "arn:aws:iam::123456789012:role/service-role/pipeline", JobRoleArn = "arn:aws:iam::123456789012:role/job")]
            public static partial class Demo;
            """);
    }

    [Theory]
    [InlineData("team#")]
    [InlineData("")]
    public void SGW001_invalid_tag_key_is_reported_at_the_key(string key)
    {
        Markup.Verify($$"""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag({|SGW001:"{{key}}"|}, "ml")]
            public static partial class Demo;
            """);
    }

    [Fact]
    public void SGW001_tag_key_longer_than_128_and_tag_value_longer_than_256()
    {
        Markup.Verify($$"""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag({|SGW001:"{{new string('k', 129)}}"|}, "ml")]
            [Tag("team", {|SGW001:"{{new string('v', 257)}}"|})]
            public static partial class Demo;
            """);
    }

    [Fact]
    public void SGW001_duplicate_tag_key_is_reported_on_the_second_tag()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("team", "ml")]
            [Tag({|SGW001:"team"|}, "data")]
            public static partial class Demo;
            """);
        Assert.Contains("Tag key 'team' is used twice", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_with_unicode_letters_spaces_and_symbols_is_valid()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("cost centre: équipe/ml", "a+b=c @ d.e_f-g")]
            [Tag("empty-value", "")]
            public static partial class Demo;
            """);
    }

    // ---- SGW001: parameters ----------------------------------------------------------------------

    [Fact]
    public void SGW001_invalid_parameter_name_override_is_reported_at_the_Name_argument()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter({|SGW001:Name = "input data"|})] public const string InputData = "s3://my-bucket/raw/";
            }
            """);
        Assert.Contains("parameter name 'input data' is invalid", Src.Single(diagnostics, "SGW001"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SGW001_empty_parameter_name_override()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter({|SGW001:Name = ""|})] public const int Epochs = 3;
            }
            """);
    }

    [Fact]
    public void SGW001_parameter_name_used_twice_is_reported_on_the_second_field()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter] public const string InputData = "s3://my-bucket/raw/";
                [Parameter({|SGW001:Name = "InputData"|})] public const string OtherData = "s3://my-bucket/other/";
            }
            """);
        Assert.Contains("already used by field 'InputData'", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW001_parameter_field_named_with_non_ascii_letters_is_reported_at_the_attribute()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [{|SGW001:Parameter|}] public const string Donnée = "x";
            }
            """);
    }

    // ---- SGW001: steps ---------------------------------------------------------------------------

    [Theory]
    [InlineData("my step")]
    [InlineData("step.one")]
    [InlineData("")]
    public void SGW001_invalid_step_name_is_reported_at_the_Name_argument(string name)
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo), {|SGW001:Name = "{{name}}"|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW001_step_name_longer_than_64_characters()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo), {|SGW001:Name = "{{new string('s', 65)}}"|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Contains("65 characters long; the maximum is 64", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW001_step_class_name_that_is_not_a_valid_step_name_is_reported_at_the_step_attribute()
    {
        Markup.Verify(Src.Demo + """
            [{|SGW001:ProcessingStep(typeof(Demo))|}]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Étape;
            """);
    }

    [Fact]
    public void SGW001_invalid_and_duplicate_channel_names()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel({|SGW001:"train data"|}, "s3://my-bucket/train/")]
            [Channel("test", "s3://my-bucket/test/")]
            [Channel({|SGW001:"test"|}, "s3://my-bucket/test2/")]
            [Channel({|SGW001:""|}, "s3://my-bucket/test3/")]
            public sealed class Train;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("Channel name 'test' is used twice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1VAR")]
    [InlineData("MY-VAR")]
    [InlineData("")]
    public void SGW001_invalid_environment_variable_name(string name)
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment({|SGW001:"{{name}}"|}, "value")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW001_environment_variable_set_twice_is_reported_on_the_second()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Environment("_MODE", "a")]
            [Environment({|SGW001:"_MODE"|}, "b")]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW001_input_name_used_twice_is_reported_at_the_second_Name()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://my-bucket/a/", "/opt/ml/processing/a", Name = "data")]
            [Input("s3://my-bucket/b/", "/opt/ml/processing/b", {|SGW001:Name = "data"|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW001_default_input_name_taken_by_an_explicit_name_is_reported_at_the_unnamed_input()
    {
        // The second input's default name is input-2, which the first one took explicitly.
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://my-bucket/a/", "/opt/ml/processing/a", Name = "input-2")]
            [{|SGW001:Input("s3://my-bucket/b/", "/opt/ml/processing/b")|}]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW001_input_named_code_on_a_step_with_a_script_is_reported_at_that_input()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            [Input("s3://my-bucket/a/", "/opt/ml/processing/a", {|SGW001:Name = "code"|})]
            public sealed class Prep;
            """);
        Assert.Contains("reserved", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void Input_named_code_without_a_script_is_valid()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://my-bucket/a/", "/opt/ml/processing/a", Name = "code")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW001_empty_and_duplicate_output_names_are_reported_at_the_output_attribute()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [{|SGW001:Output("/opt/ml/processing/empty")|}] public const string Empty = "";
                [Output("/opt/ml/processing/a")] public const string A = "data";
                [{|SGW001:Output("/opt/ml/processing/b")|}] public const string B = "data";
            }
            """);
    }

    [Fact]
    public void SGW001_hyperparameter_reserved_by_code_and_set_twice()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Code("scripts/train.py")]
            [HyperParameter({|SGW001:"sagemaker_program"|}, "other.py")]
            [HyperParameter("epochs", "1")]
            [HyperParameter({|SGW001:"epochs"|}, "2")]
            [HyperParameter({|SGW001:""|}, "3")]
            [HyperParameter({|SGW001:"{{new string('h', 257)}}"|}, "4")]
            public sealed class Train;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("is set by [Code]", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("'epochs' is set twice", StringComparison.Ordinal));
    }

    // ---- SGW002 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW002_same_Name_on_two_steps_is_reported_on_the_second_by_type_name_order()
    {
        // Beta is declared first, but Alpha comes first in type-name order: Beta gets the diagnostic.
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo), {|SGW002:Name = "Shared"|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Beta;

            [ProcessingStep(typeof(Demo), Name = "Shared")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Alpha;
            """);
        Assert.Equal("Step name 'Shared' is already used by class 'Alpha'; step names must be unique within a pipeline", Src.Single(diagnostics, "SGW002"));
    }

    [Fact]
    public void SGW002_explicit_Name_equal_to_another_step_class_name()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Alpha;

            [TrainingStep(typeof(Demo), {|SGW002:Name = "Alpha"|})]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Zeta;
            """);
    }

    [Fact]
    public void SGW002_on_a_step_named_after_its_class_is_reported_at_the_step_attribute()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo), Name = "Beta")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Alpha;

            [{|SGW002:ProcessingStep(typeof(Demo))|}]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Beta;
            """);
    }

    [Fact]
    public void SGW002_three_steps_with_one_name_are_two_diagnostics()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo), Name = "S")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class A;

            [ProcessingStep(typeof(Demo), {|SGW002:Name = "S"|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class B;

            [ProcessingStep(typeof(Demo), {|SGW002:Name = "S"|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class C;
            """);
    }

    [Fact]
    public void Same_step_name_in_two_pipelines_is_valid()
    {
        Markup.Verify(Src.Demo + """
            [Pipeline("Other")]
            public static partial class Other;

            [ProcessingStep(typeof(Demo), Name = "Prep")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class DemoPrep;

            [ProcessingStep(typeof(Other), Name = "Prep")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class OtherPrep;
            """);
    }
}
