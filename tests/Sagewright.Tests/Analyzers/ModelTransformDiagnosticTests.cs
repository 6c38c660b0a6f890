using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Bad input to [CreateModelStep] and [TransformStep]: each finding's ID and exact span.</summary>
public class ModelTransformDiagnosticTests
{
    private const string Steps = """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        public sealed class Train;

        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        public sealed class Prep;

        [CreateModelStep(typeof(Demo))]
        [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
        public sealed class Model;

        public sealed class NotAStep;

        """;

    // ---- model steps ----------------------------------------------------------------------------

    [Fact]
    public void SGW011_model_step_without_an_image()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW011:CreateModelStep(typeof(Demo))|}]
            [ModelData("s3://my-bucket/model.tar.gz")]
            public sealed class Model;
            """);
        Assert.StartsWith("Step 'Model' has no container image", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW017_model_data_from_a_step_that_is_not_a_training_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + Steps + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [ModelData({|SGW017:typeof(Prep)|})]
            public sealed class Other;
            """);
        Assert.Contains("has no model artifacts", Src.Single(diagnostics, "SGW017"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW004_model_data_from_a_class_that_is_not_a_step()
    {
        Markup.Verify(Src.Demo + Steps + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [ModelData({|SGW004:typeof(NotAStep)|})]
            public sealed class Other;
            """);
    }

    [Fact]
    public void SGW005_malformed_model_data_uri()
    {
        Markup.Verify(Src.Demo + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [ModelData({|SGW005:"s3:/my-bucket/model.tar.gz"|})]
            public sealed class Model;
            """);
    }

    [Fact]
    public void SGW001_role_arn_that_is_not_a_role_arn()
    {
        Markup.Verify(Src.Demo + """
            [CreateModelStep(typeof(Demo), {|SGW001:RoleArn = "DummyRole"|})]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;
            """);
    }

    [Fact]
    public void SGW014_job_settings_and_cache_on_a_model_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [{|SGW014:Instance("ml.m5.large")|}]
            [{|SGW014:Cache("P1D")|}]
            [{|SGW014:Retry(RetryOn.CapacityError, MaxAttempts = 2)|}]
            public sealed class Model;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "[Instance] does not apply to create-model step 'Model'; it is for processing, training and transform steps "
            + "(a model has no compute; the transform step or endpoint that uses it does)");
        Assert.Contains(diagnostics, d => Src.Message(d) == "[Cache] does not apply to create-model step 'Model'; it is for processing, training, tuning and transform steps; "
            + "a create-model step is not cached");
    }

    // ---- transform steps ------------------------------------------------------------------------

    [Fact]
    public void SGW011_transform_step_without_model_input_or_instance()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW011:{|SGW011:{|SGW011:TransformStep(typeof(Demo))|}|}|}]
            public sealed class Score;
            """);
        var messages = diagnostics.Select(Src.Message).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("Transform step 'Score' has no model", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Transform step 'Score' has no input", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Step 'Score' has no instance type", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW015_both_model_and_model_name()
    {
        Markup.Verify(Src.Demo + Steps + """
            [TransformStep(typeof(Demo), Model = typeof(Model), {|SGW015:ModelName = "other"|})]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW017_model_that_is_not_a_model_step_and_SGW004_model_that_is_not_a_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + Steps + """
            [TransformStep(typeof(Demo), {|SGW017:Model = typeof(Train)|})]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            public sealed class Score;

            [TransformStep(typeof(Demo), {|SGW004:Model = typeof(NotAStep)|})]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            public sealed class Score2;
            """);
        Assert.Equal("Step 'Train' is a training step and creates no model; Model takes a [CreateModelStep] class", Src.Single(diagnostics, "SGW017"));
    }

    [Fact]
    public void SGW001_invalid_model_name()
    {
        Markup.Verify(Src.Demo + """
            [TransformStep(typeof(Demo), {|SGW001:ModelName = "my_model"|})]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW005_malformed_input_and_output_uris()
    {
        Markup.Verify(Src.Demo + """
            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance("ml.m5.large"), TransformInput({|SGW005:"my-bucket/batch/"|})]
            [TransformOutput({|SGW005:Destination = "s3://"|})]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW006_instance_type_not_valid_for_transform()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance({|SGW006:"c4.4xlarge"|}), TransformInput("s3://my-bucket/batch/")]
            public sealed class Score;

            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance({|SGW006:"ml.t3.medium"|}), TransformInput("s3://my-bucket/batch/")]
            public sealed class Score2;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("did you mean 'ml.c4.4xlarge'", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW007_values_out_of_range()
    {
        Markup.Verify(Src.Demo + $$"""
            [TransformStep(typeof(Demo), ModelName = "m", {|SGW007:MaxPayloadInMB = 101|}, {|SGW007:MaxConcurrentTransforms = -1|}, {|SGW007:BatchStrategy = (BatchStrategy)7|})]
            [Instance("ml.m5.large", {|SGW007:Count = 0|})]
            [TransformInput("s3://my-bucket/batch/", {|SGW007:ContentType = "{{new string('a', 257)}}"|}, {|SGW007:SplitType = (SplitType)9|})]
            [TransformOutput({|SGW007:Accept = "{{new string('a', 257)}}"|})]
            [DataProcessing({|SGW007:InputFilter = "{{"$" + new string('a', 63)}}"|})]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW010_seventeen_environment_variables()
    {
        var variables = string.Concat(Enumerable.Range(1, 17).Select(i =>
            i == 17 ? $"[{{|SGW010:Environment(\"V{i}\", \"x\")|}}]\n" : $"[Environment(\"V{i}\", \"x\")]\n"));
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            {{variables}}
            public sealed class Score;
            """);
        Assert.StartsWith("Step 'Score' has 17 environment variables; at most 16 are allowed", Src.Single(diagnostics, "SGW010"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW011_empty_data_processing()
    {
        Markup.Verify(Src.Demo + """
            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            [{|SGW011:DataProcessing|}]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW014_job_settings_on_a_transform_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            [{|SGW014:Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")|}]
            [{|SGW014:Code("scripts/train.py")|}]
            [{|SGW014:MaxRuntime(3600)|}]
            public sealed class Score;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("[Image] does not apply to transform step 'Score'", StringComparison.Ordinal));
    }

    [Fact]
    public void Transform_steps_accept_cache_and_sagemaker_retries()
    {
        Markup.Verify(Src.Demo + """
            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            [Cache("P30D"), Retry(RetryOn.CapacityError, RetryOn.JobInternalError, MaxAttempts = 3)]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW014_model_and_transform_attributes_on_other_step_kinds()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [{|SGW014:TransformInput("s3://my-bucket/batch/")|}]
            [{|SGW014:ModelData("s3://my-bucket/model.tar.gz")|}]
            public sealed class Prep;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [{|SGW014:TransformOutput(Accept = "text/csv")|}]
            [{|SGW014:DataProcessing(JoinSource = JoinSource.Input)|}]
            public sealed class Model;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "[TransformInput] does not apply to processing step 'Prep'; it is for transform steps only");
        Assert.Contains(diagnostics, d => Src.Message(d) == "[ModelData] does not apply to processing step 'Prep'; it is for model and register-model steps only");
    }

    [Fact]
    public void SGW009_a_parameter_constant_without_nameof_in_transform_and_model_arguments()
    {
        // Findings of the kind-specific binding reach the step (they are bound before the declaration is built).
        Markup.Verify(Src.Demo + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [ModelData({|SGW009:Demo.InputData|})]
            public sealed class Model;

            [TransformStep(typeof(Demo), Model = typeof(Model))]
            [Instance("ml.m5.large"), TransformInput({|SGW009:Demo.InputData|})]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW009_binder_findings_of_expressions_reach_the_step_and_the_pipeline()
    {
        // Expressions are bound before the declaration copies the binder's findings, on steps and on the pipeline.
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [{|SGW009:Join("/", "a", "b")|}] public static readonly int OnPipeline;
            }

            [TransformStep(typeof(Demo), ModelName = "m")]
            [Instance("ml.m5.large"), TransformInput("s3://my-bucket/batch/")]
            public sealed class Score
            {
                [{|SGW009:Join("/", "a", "b")|}] public static readonly int OnStep;
            }
            """);
    }
}
