using Sagewright.Model.Endpoints;

namespace Sagewright.Model.Iam.Derivation;

/// <summary>The inference role of each <c>[Endpoint]</c>: what SageMaker hosting does as the model's execution role
/// (load the model package's artifacts and pull its image, write the endpoint's logs and metrics, write data
/// captures under the capture destination with its KMS key). The deployer's own permissions (CreateModel,
/// CreateEndpoint, …) are not part of it.</summary>
internal sealed partial class IamDeriver
{
    private void DeriveEndpoints()
    {
        foreach (var endpoint in Graph.Endpoints)
        {
            var role = Role(EndpointModel.RoleArn(Graph, endpoint), RoleKinds.Inference);
            var what = "endpoint `" + endpoint.Name + "`";
            role.UsedBy.Add(EndpointModel.FolderName + "/" + endpoint.Name);
            role.Trust(InferenceSource, "the model of " + what + InferenceSourceNote);
            if (EndpointModel.RegisterStep(Graph, endpoint) is { } step)
            {
                if (ImageUri(step) is { } image)
                {
                    Pull(role, image, "the model of " + what + " runs image `" + image + "` (model package group of step `" + step.Name + "`)");
                }

                if (step.Body is RegisterModelBody { ModelData: { } modelData })
                {
                    Read(role, step, modelData, "the model of " + what + " loads the model data of the package step `" + step.Name + "` registers",
                        "the model data of step '" + step.Name + "'", file: true, list: false);
                }
            }
            else if (endpoint.ModelPackageArn is { } arn)
            {
                _iamNotes.Add("Endpoint `" + endpoint.Name + "` serves the fixed model package `" + arn + "`: Sagewright cannot see its image and model data, so role `"
                    + role.Name + "` has no permission to read them; add them to the role.");
            }

            var group = "arn:" + Partition + ":logs:" + Region + ":" + Account + ":log-group:/aws/sagemaker/Endpoints/" + endpoint.Name;
            role.Statement("EndpointLogGroups").Allow("logs:CreateLogGroup", "logs:DescribeLogStreams")
                .On(group, what + " logs to /aws/sagemaker/Endpoints/" + endpoint.Name)
                .On(group + ":*", what + " logs to /aws/sagemaker/Endpoints/" + endpoint.Name)
                .Note("Each group is listed twice, with and without `:*`: CloudWatch Logs authorizes some log-group actions on the ARN with `:*` appended.");
            var streams = role.Statement("EndpointLogStreams").Allow("logs:CreateLogStream", "logs:PutLogEvents");
            foreach (var variant in EndpointModel.Variants(endpoint))
            {
                streams.On(group + ":log-stream:" + variant.Name + "/*", "variant `" + variant.Name + "` of " + what + " writes one stream per instance, `<variant>/<instance id>`");
            }

            role.Statement("CloudWatchPutMetricDataRequiresWildcard").Allow("cloudwatch:PutMetricData")
                .On("*", what + " publishes endpoint metrics")
                .When("StringEquals", "cloudwatch:namespace", "/aws/sagemaker/Endpoints")
                .Note("`*`: cloudwatch:PutMetricData accepts no resource ARN; the `cloudwatch:namespace` condition limits it to the SageMaker namespaces of the jobs and endpoints this role runs.");

            if (endpoint.DataCapture is { Enabled: true } capture && S3Uris.Check(capture.DestinationS3Uri) is null)
            {
                var (bucket, key) = S3Uris.Split(capture.DestinationS3Uri);
                var prefix = key.Length == 0 ? "*" : key.TrimEnd('/') + "/*";
                role.Statement("S3WriteDataCapture").Allow("s3:PutObject")
                    .On(S3Arn(bucket, prefix), what + " writes its data captures under " + capture.DestinationS3Uri);
                if (capture.KmsKeyId is { } keyId && KmsKeyReference.Resolve(keyId, Settings) is { } kmsKey)
                {
                    Kms(role, kmsKey, KmsOutput, what + " encrypts its data captures with this key");
                }
            }
        }
    }
}
