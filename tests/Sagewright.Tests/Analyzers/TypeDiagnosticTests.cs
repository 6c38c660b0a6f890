using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>SGW009 (type mismatch).</summary>
public class TypeDiagnosticTests
{
    [Theory]
    [InlineData("Epochs", "an Integer")]
    [InlineData("LearningRate", "a Float")]
    [InlineData("Shuffle", "a Boolean")]
    public void SGW009_non_string_parameter_used_as_an_s3_input(string parameter, string type)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW009:nameof(Demo.{{parameter}})|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("Parameter '" + parameter + "' is " + type + " parameter, but an input source must be a String", Src.Single(diagnostics, "SGW009"));
    }

    [Fact]
    public void SGW009_non_string_parameter_where_text_is_required()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance({|SGW009:nameof(Demo.Epochs)|})]
            [Environment("RATE", {|SGW009:nameof(Demo.LearningRate)|})]
            [ContainerArguments("--shuffle", {|SGW009:nameof(Demo.Shuffle)|})]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output", {|SGW009:Destination = nameof(Demo.Epochs)|})] public const string Out = "out";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel("train", {|SGW009:nameof(Demo.Epochs)|})]
            [ModelOutput({|SGW009:nameof(Demo.Shuffle)|})]
            [Spot(MaxRunSeconds = 60, MaxWaitSeconds = 60, {|SGW009:CheckpointS3Uri = nameof(Demo.LearningRate)|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW016_parameter_on_a_non_const_field()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [{|SGW016:Parameter|}] public static readonly string InputData = "s3://my-bucket/raw/";
                [{|SGW016:Parameter(Name = "Other")|}] public static string Other = "s3://my-bucket/other/";
            }
            """);
        Assert.All(diagnostics, d => Assert.Equal(
            "The default value of parameter '" + (Src.Message(d).Contains("'Other'", StringComparison.Ordinal) ? "Other" : "InputData") + "' must be written in source, not set at run time: "
            + "declare a const field with a default value, for example: [Parameter] public const string " + (Src.Message(d).Contains("'Other'", StringComparison.Ordinal) ? "Other" : "InputData") + " = \"...\";",
            Src.Message(d)));
    }

    [Fact]
    public void SGW016_parameter_const_without_a_value()
    {
        var diagnostics = Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [{|SGW016:Parameter|}] public const string? Nothing = null;
            }
            """);
        Assert.StartsWith("The default value of parameter 'Nothing' must be written in source, not null: declare a const field", Src.Single(diagnostics, "SGW016"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("char", "'a'")]
    [InlineData("uint", "1u")]
    [InlineData("ulong", "1ul")]
    [InlineData("byte", "1")]
    [InlineData("double", "double.NaN")]
    [InlineData("float", "float.PositiveInfinity")]
    public void SGW009_parameter_of_an_unsupported_type(string type, string value)
    {
        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [{|SGW009:Parameter|}] public const {{type}} Value = {{value}};
            }
            """);
        Assert.Contains("Parameter 'Value' has type", Src.Single(diagnostics, "SGW009"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_of_every_supported_type_are_valid()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter] public const string S = "text";
                [Parameter] public const string Empty = "";
                [Parameter] public const int I = -1;
                [Parameter] public const long L = 9007199254740993;
                [Parameter] public const short Sh = 7;
                [Parameter] public const double D = 1e-7;
                [Parameter] public const float F = 0.1f;
                [Parameter] public const decimal M = 0.5m;
                [Parameter] public const bool B = false;
            }
            """);
    }

    [Fact]
    public void SGW016_output_on_a_non_const_field_and_SGW009_on_a_non_string_const()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [{|SGW016:Output("/opt/ml/processing/a")|}] public static readonly string A = "a";
                [{|SGW009:Output("/opt/ml/processing/b")|}] public const int B = 2;
            }
            """);
        Assert.Equal("The name of output 'A' must be written in source, not set at run time: declare a const string field whose value is the output name, "
            + "for example: [Output(\"/opt/ml/processing/output\")] public const string A = \"a\";", Src.Single(diagnostics, "SGW016"));
        Assert.StartsWith("Output 'B' must be a const string field whose value is the output name", Src.Single(diagnostics, "SGW009"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW009_output_constant_passed_without_nameof()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/out")] public const string Out = "out";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [HyperParameter("source", {|SGW009:Prep.Out|})]
            public sealed class Train;
            """);
        Assert.Equal("This passes the name of output 'Out' as fixed text; write nameof(Prep.Out) to use the output's S3 location", Src.Single(diagnostics, "SGW009"));
    }

    [Fact]
    public void SGW009_parameter_constant_passed_without_nameof()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW009:Demo.InputData|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("This passes the default value of parameter 'InputData' as fixed text; write nameof(Demo.InputData) to use the parameter", Src.Single(diagnostics, "SGW009"));
    }

    [Fact]
    public void SGW009_parameter_constant_without_nameof_in_every_value_position()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance({|SGW009:Demo.InstanceType|})]
            [Environment("MODE", {|SGW009:Demo.Mode|})]
            [ContainerArguments("--mode", {|SGW009:Demo.Mode|})]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output", {|SGW009:Destination = Demo.OutputPath|})] public const string Out = "out";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel("train", {|SGW009:Demo.InputData|})]
            [HyperParameter("mode", {|SGW009:Demo.Mode|})]
            [ModelOutput({|SGW009:Demo.OutputPath|})]
            [Spot(MaxRunSeconds = 60, MaxWaitSeconds = 60, {|SGW009:CheckpointS3Uri = Demo.OutputPath|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW009_parameter_constant_without_nameof_inside_the_pipeline_class()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [Parameter] public const string InputData = "s3://my-bucket/raw/";

                [ProcessingStep(typeof(Demo))]
                [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0"), Instance("ml.m5.large")]
                [Input({|SGW009:InputData|}, "/opt/ml/processing/input")]
                public sealed class Prep;
            }
            """);
    }

    [Fact]
    public void SGW014_spot_on_a_processing_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [{|SGW014:Spot(MaxRunSeconds = 60, MaxWaitSeconds = 120)|}]
            public sealed class Prep;
            """);
        Assert.Equal("[Spot] does not apply to processing step 'Prep'; it is for training steps; processing jobs always run on on-demand capacity", Src.Single(diagnostics, "SGW014"));
    }

    [Fact]
    public void SGW014_training_only_attributes_on_a_processing_step_are_reported_once_each()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [{|SGW014:Channel("train", "s3://my-bucket/train/")|}]
            [Channel("test", "s3://my-bucket/test/")]
            [{|SGW014:HyperParameter("epochs", "3")|}]
            [{|SGW014:ModelOutput("s3://my-bucket/models/")|}]
            public sealed class Prep;
            """);
        Assert.All(diagnostics, d => Assert.Contains("does not apply to processing step 'Prep'; it is for training steps", Src.Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public void SGW014_processing_only_attributes_on_a_training_step()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [{|SGW014:Input("s3://my-bucket/raw/", "/opt/ml/processing/input")|}]
            [{|SGW014:ContainerArguments("--fast")|}]
            public sealed class Train
            {
                [{|SGW014:Output("/opt/ml/processing/output")|}] public const string Out = "out";
            }
            """);
    }

    [Fact]
    public void SGW015_max_runtime_and_spot_max_run_together()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [{|SGW015:MaxRuntime(3600)|}]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW015_class_with_two_step_attributes_is_reported_at_the_second()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [{|SGW015:TrainingStep(typeof(Demo))|}]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Both;
            """);
        Assert.Contains("sets its step kind twice, with [", Src.Single(diagnostics, "SGW015"), StringComparison.Ordinal);
    }
}
