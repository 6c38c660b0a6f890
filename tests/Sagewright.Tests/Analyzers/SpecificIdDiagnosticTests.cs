using Sagewright.Compiler.Diagnostics;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>The IDs split off the catch-all ones (SGW009, SGW011, SGW001): SGW014 (attribute does not apply to the
/// step kind), SGW015 (setting given twice or in conflict), SGW016 (value must be written in source), SGW017
/// (reference to the wrong kind of step), SGW018 (role or resource in another account or partition). Each test asserts
/// the ID, the exact span and the rendered message; <see cref="Markup.Verify"/> also checks that the finding's
/// arguments fill the descriptor's message format.</summary>
public class SpecificIdDiagnosticTests
{
    private static readonly string[] NewIds =
    [
        RuleIds.AttributeNotApplicable, RuleIds.SettingConflict, RuleIds.ValueNotInSource, RuleIds.WrongReferenceKind, RuleIds.ForeignLocation,
    ];

    [Fact]
    public void The_new_ids_are_SGW014_to_SGW018_and_errors_by_default()
    {
        Assert.Equal(["SGW014", "SGW015", "SGW016", "SGW017", "SGW018"], NewIds);
        Assert.All(NewIds, id => Assert.True(DiagnosticCatalog.IsError(id), id));
    }

    [Fact]
    public void The_new_ids_have_message_formats_with_placeholders_not_a_bare_0()
    {
        foreach (var id in NewIds)
        {
            var format = Descriptors.ById[id].MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.NotEqual("{0}", format);
            Assert.True(MessageFormats.PlaceholderCount(format) >= 3, id + ": " + format);
        }
    }

    [Fact]
    public void SGW014_spot_on_a_processing_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [{|SGW014:Spot|}]
            public sealed class Prep;
            """);
        Assert.Equal("[Spot] does not apply to processing step 'Prep'; it is for training steps; processing jobs always run on on-demand capacity",
            Src.Single(diagnostics, "SGW014"));
    }

    [Fact]
    public void SGW014_grant_on_the_pipeline_class()
    {
        var diagnostics = Markup.Verify(Src.WithPipeline("""
            [Pipeline("Demo")]
            [{|SGW014:Grant("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Features")|}]
            """) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal("[Grant] does not apply to pipeline class 'Demo'; it is for the step whose job or model needs it", Src.Single(diagnostics, "SGW014"));
    }

    [Fact]
    public void SGW015_retry_with_both_limits()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [{|SGW015:Retry(RetryOn.Throttling, MaxAttempts = 2, ExpireAfterMinutes = 5)|}]
            public sealed class Train;
            """);
        Assert.Equal("[Retry] sets its limit twice, with MaxAttempts and with ExpireAfterMinutes; it takes exactly one of them", Src.Single(diagnostics, "SGW015"));
    }

    [Fact]
    public void SGW015_two_step_attributes_on_one_class()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [{|SGW015:TrainingStep(typeof(Demo))|}]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal("Class 'Prep' sets its step kind twice, with [ProcessingStep] and with [TrainingStep]; a class declares only one step, so this attribute is ignored; remove one of them",
            Src.Single(diagnostics, "SGW015"));
    }

    [Fact]
    public void SGW016_image_from_a_parameter()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image({|SGW016:nameof(Demo.Mode)|}), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal("The image URI must be written in source, not taken from a parameter: the IAM policies are derived from it", Src.Single(diagnostics, "SGW016"));
    }

    [Fact]
    public void SGW017_model_artifacts_of_a_processing_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW017:typeof(Prep)|}, "/opt/ml/processing/model")]
            public sealed class Evaluate;
            """);
        Assert.Equal("Step 'Prep' is a processing step and has no model artifacts; only training and tuning steps do", Src.Single(diagnostics, "SGW017"));
    }

    [Fact]
    public void SGW018_pipeline_role_in_another_account()
    {
        var diagnostics = Markup.Verify(Src.WithPipeline("""
            [Pipeline("Demo", {|SGW018:RoleArn = "arn:aws:iam::999999999999:role/pipeline"|})]
            """) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal("Role 'arn:aws:iam::999999999999:role/pipeline' is in account '999999999999', but the pipeline runs in '123456789012' (SagewrightAccountId); "
            + "SageMaker can be passed only roles of its own account", Src.Single(diagnostics, "SGW018"));
    }

    [Fact]
    public void SGW018_function_in_another_region()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [LambdaStep(typeof(Demo), {|SGW018:FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:register"|})]
            public sealed class Register;
            """);
        Assert.Equal("The function ARN is in region 'eu-west-1', but the pipeline runs in 'us-east-1' (SagewrightRegion)", Src.Single(diagnostics, "SGW018"));
    }
}
