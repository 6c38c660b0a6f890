using Sagewright.Model.Pipeline;
using Sagewright.Model.Validation;

namespace Sagewright.Tests.Model;

public class RulesTests
{
    [Theory]
    [InlineData("s3://my-bucket/raw-data/")]
    [InlineData("s3://my-bucket")]
    [InlineData("s3://my.bucket-1/a/b.csv")]
    public void Accepts_valid_s3_uris(string uri) => Assert.Null(S3Uris.Check(uri));

    [Theory]
    [InlineData("s3:/my-bucket/x", "must start with 's3://'")]
    [InlineData("https://my-bucket.s3.amazonaws.com/x", "must start with 's3://'")]
    [InlineData("s3:///x", "bucket name is missing")]
    [InlineData("s3://ab/x", "3 to 63 characters")]
    [InlineData("s3://My-Bucket/x", "lower-case letters")]
    [InlineData("s3://my-bucket-/x", "lower-case letters")]
    [InlineData("s3://my..bucket/x", "'..'")]
    [InlineData("s3://192.168.1.1/x", "IP address")]
    [InlineData("s3://my-bucket/a//b", "empty path segment")]
    [InlineData("s3://my-bucket/a b", "white space")]
    public void Rejects_malformed_s3_uris_with_the_reason(string uri, string reason) =>
        Assert.Contains(reason, S3Uris.Check(uri), StringComparison.Ordinal);

    [Fact]
    public void Rejects_uris_over_the_api_limit() =>
        Assert.Contains("1024", S3Uris.Check("s3://my-bucket/" + new string('k', 1010)), StringComparison.Ordinal);

    [Theory]
    [InlineData("FraudDetection", true)]
    [InlineData("fraud-detection-2", true)]
    [InlineData("a", true)]
    [InlineData("fraud_detection", false)]
    [InlineData("-fraud", false)]
    [InlineData("fraud-", false)]
    [InlineData("", false)]
    public void Pipeline_names_follow_the_api_pattern(string name, bool valid) =>
        Assert.Equal(valid, NameRules.Check(NameRules.Pipeline, name) is null);

    [Fact]
    public void Pipeline_name_length_limit_is_reported_with_numbers()
    {
        Assert.Null(NameRules.Check(NameRules.Pipeline, new string('a', 256)));
        Assert.Contains("257 characters long; the maximum is 256", NameRules.Check(NameRules.Pipeline, new string('a', 257)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Preprocessing", true)]
    [InlineData("step_1-a", true)]
    [InlineData("step 1", false)]
    [InlineData("step.1", false)]
    public void Step_names_follow_the_api_pattern(string name, bool valid) =>
        Assert.Equal(valid, NameRules.Check(NameRules.Step, name) is null);

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("12345678901", false)]
    [InlineData("12345678901a", false)]
    public void Account_ids_are_twelve_digits(string value, bool valid) => Assert.Equal(valid, AwsSettings.IsAccountId(value));

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("ap-southeast-4", true)]
    [InlineData("US-EAST-1", false)]
    [InlineData("useast1", false)]
    public void Regions_look_like_region_names(string value, bool valid) => Assert.Equal(valid, AwsSettings.IsRegion(value));

    [Theory]
    [InlineData("us-east-1", "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")]
    [InlineData("eu-west-1", "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")]
    [InlineData("cn-north-1", "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-scikit-learn:1.2-1-cpu-py3")]
    public void Sklearn_images_resolve_like_the_sdk(string region, string expected)
    {
        Assert.True(FrameworkImages.TryResolve("sklearn", "1.2-1", null, region, out var uri, out _));
        Assert.Equal(expected, uri);
    }

    [Theory]
    [InlineData("tensorflowz", "2.1", "us-east-1", "has no SageMaker image; use one of: autogluon")]
    [InlineData("sklearn", "9.9", "us-east-1", "has no SageMaker training image")]
    [InlineData("sklearn", "1.2-1", "xx-nowhere-1", "not published in region")]
    public void Unresolvable_frameworks_say_why(string framework, string version, string region, string reason)
    {
        Assert.False(FrameworkImages.TryResolve(framework, version, null, region, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_type_suggestions_find_near_misses()
    {
        Assert.Equal("ml.m5.large", InstanceTypes.Suggest(StepKind.Processing, "ml.m5.lrge"));
        Assert.Equal("ml.m5.large", InstanceTypes.Suggest(StepKind.Processing, "m5.large"));
        Assert.Null(InstanceTypes.Suggest(StepKind.Processing, "something-else"));
        Assert.True(InstanceTypes.IsValid(StepKind.Training, "ml.g4dn.xlarge"));
        Assert.False(InstanceTypes.IsValid(StepKind.Processing, "ml.p4de.24xlarge"));
    }
}
