using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;
using static Sagewright.Tests.Infrastructure.SdkCases;

namespace Sagewright.Tests.Parity;

/// <summary>[RegisterModelStep] against the SDK cases 09 (RegisterModel step collection) and 10 (ModelStep register
/// request). Parsed comparison; each deliberate difference is removed from the SDK side with the reason.</summary>
public class RegisterModelParityTests
{
    [ReferenceFact]
    public void Case09_register_model_step_collection()
    {
        var definition = TestProject.Generate("""
            using Sagewright;

            [Pipeline("MyPipeline")]
            public static partial class MyPipeline;

            [RegisterModelStep(typeof(MyPipeline), "mpg", Name = "RegisterModelStep-RegisterModel", DisplayName = "RegisterModelStep",
                Description = "description", ApprovalStatus = ModelApprovalStatus.Approved)]
            [Image("012345678901.dkr.ecr.us-west-2.amazonaws.com/my-custom-image-uri")]
            [ModelData("s3://my-bucket/model.tar.gz")]
            [ContentTypes("content_type"), ResponseTypes("text/csv")]
            [InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
            [ModelMetrics("s3://my-bucket/metrics.csv", ContentType = "text/csv")]
            [DriftCheckBaseline(DriftBaseline.ModelQualityConstraints, "s3://my-bucket/constraints_metrics.csv", ContentType = "text/csv")]
            [DependsOn(typeof(TestStep))]
            [Tag("myKey", "myValue")]
            public sealed class Register;

            [TrainingStep(typeof(MyPipeline)), Image("fakeimage"), Instance("ml.c4.xlarge")] public sealed class TestStep;
            """, UsWest2).Definition("MyPipeline");

        var expected = Case("09-register-model-step-collection").AsArray()[0]!.AsObject();
        var arguments = expected["Arguments"]!.AsObject();
        var specification = arguments["InferenceSpecification"]!.AsObject();

        // Deliberate differences:
        // - the test's response type and instance types are placeholders CreateModelPackage rejects (SGW006/SGW007 here),
        //   so the C# uses real values and they are put in the expectation;
        specification["SupportedResponseMIMETypes"] = new JsonArray("text/csv");
        specification["SupportedRealtimeInferenceInstanceTypes"] = new JsonArray("ml.m5.large");
        specification["SupportedTransformInstanceTypes"] = new JsonArray("ml.m5.large");

        // - the SDK always adds empty Bias and Explainability to ModelMetrics; Sagewright emits only what is given;
        arguments["ModelMetrics"]!.AsObject().Remove("Bias");
        arguments["ModelMetrics"]!.AsObject().Remove("Explainability");

        // - SamplePayloadUrl and Task are not expressed by Sagewright yet.
        arguments.Remove("SamplePayloadUrl");
        arguments.Remove("Task");

        JsonAssert.Equal(expected, Step(definition, "RegisterModelStep-RegisterModel"));
    }

    [ReferenceFact]
    public void Case10_model_step_register_request_with_a_parameter_for_the_model_data()
    {
        var definition = TestProject.Generate("""
            using Sagewright;

            [Pipeline("MyPipeline")]
            public static partial class MyPipeline
            {
                [Parameter] public const string ModelData = "s3://my-bucket/file";
            }

            [RegisterModelStep(typeof(MyPipeline), "MyModelPackageGroup")]
            [Image("fakeimage"), ModelData(nameof(MyPipeline.ModelData))]
            [Environment("SAGEMAKER_PROGRAM", "dummy_script.py")]
            [Environment("SAGEMAKER_SUBMIT_DIRECTORY", "/opt/ml/model/code")]
            [Environment("SAGEMAKER_CONTAINER_LOG_LEVEL", "20")]
            [Environment("SAGEMAKER_REGION", "us-west-2")]
            [ContentTypes("text/csv"), ResponseTypes("text/csv")]
            public sealed class Register;
            """, UsWest2).Definition("MyPipeline");

        var expected = Case("10-model-step-register-create-model-package-request").AsObject();

        // Deliberate differences:
        // - CertifyForMarketplace false is the service default; the step collection (case 09) does not send it either;
        // - SamplePayloadUrl, Task, ModelPackageRegistrationType and the container's Framework, FrameworkVersion and
        //   NearestModelName (inference recommender hints) are not expressed by Sagewright yet;
        // - the SDK derives the SAGEMAKER_* environment from entry_point; in C# they are written as [Environment].
        foreach (var key in new[] { "CertifyForMarketplace", "SamplePayloadUrl", "Task", "ModelPackageRegistrationType" })
        {
            expected.Remove(key);
        }

        var container = expected["InferenceSpecification"]!["Containers"]![0]!.AsObject();
        foreach (var key in new[] { "Framework", "FrameworkVersion", "NearestModelName" })
        {
            container.Remove(key);
        }

        JsonAssert.Equal(expected, Step(definition, "Register")["Arguments"]);
    }
}
