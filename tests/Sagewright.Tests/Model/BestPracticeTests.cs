using Sagewright.Model.Validation;

namespace Sagewright.Tests.Model;

/// <summary>The facts the best-practice rules rest on: what counts as a versioned S3 path (SGW105), what pins an
/// image (SGW107), the required-tags setting (SGW109), and the C# text of suggested values.</summary>
public class BestPracticeTests
{
    [Theory]
    [InlineData("s3://my-bucket/data/v2/")]
    [InlineData("s3://my-bucket/data/V12/train.csv")]
    [InlineData("s3://my-bucket/data/1.4.0/")]
    [InlineData("s3://my-bucket/data/version=3/")]
    [InlineData("s3://my-bucket/data/model_version-3/")]
    [InlineData("s3://my-bucket/data/train-v4.csv")]
    [InlineData("s3://my-bucket/data/2024-01-31/")]
    [InlineData("s3://my-bucket/data/dt=2024-01-31/")]
    [InlineData("s3://my-bucket/data/20240131T120000Z/")]
    [InlineData("s3://my-bucket/data/2024/01/")]
    [InlineData("s3://my-bucket/data/year=2024/month=1/")]
    [InlineData("s3://my-bucket/data/3f2a9c1d/")]
    [InlineData("s3://my-bucket/code/9b74c9897bac770ffc029102a200c5de/train.py")]
    [InlineData("s3://my-bucket/runs/123e4567-e89b-12d3-a456-426614174000/")]
    public void Paths_with_a_version_date_or_hash_segment_are_versioned(string uri) =>
        Assert.True(BestPractice.IsVersionedPath(uri), uri);

    [Theory]
    [InlineData("s3://my-bucket/raw/")]
    [InlineData("s3://my-bucket/raw/customers/latest/")]
    [InlineData("s3://my-bucket")]
    [InlineData("s3://my-bucket/")]
    [InlineData("s3://v2-bucket-2024-01-31/raw/")]
    [InlineData("s3://my-bucket/dev1/env2/")]
    [InlineData("s3://my-bucket/deadbeef/")]
    [InlineData("s3://my-bucket/1234567/")]
    [InlineData("s3://my-bucket/2024/")]
    [InlineData("s3://my-bucket/data/19991399/")]
    public void Paths_without_such_a_segment_are_not(string uri) =>
        Assert.False(BestPractice.IsVersionedPath(uri), uri);

    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep", "has no tag, so it means 'latest'")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:latest", "uses the tag 'latest'")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/prep:Latest", "uses the tag 'Latest'")]
    [InlineData("localhost:5000/prep", "has no tag, so it means 'latest'")]
    [InlineData("prep", "has no tag, so it means 'latest'")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0", null)]
    [InlineData("localhost:5000/prep:2.1.0-gpu", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    public void Images_are_pinned_by_a_tag_other_than_latest_or_by_a_digest(string uri, string? problem) =>
        Assert.Equal(problem, BestPractice.UnpinnedImageProblem(uri));

    [Theory]
    [InlineData(null, new[] { "env", "team", "pipeline" })]
    [InlineData("", new string[0])]
    [InlineData(" , ", new string[0])]
    [InlineData("CostCenter, owner ,CostCenter,costcenter", new[] { "CostCenter", "owner", "costcenter" })]
    public void Required_tags_are_parsed_trimmed_and_deduplicated_case_sensitively(string? value, string[] expected) =>
        Assert.Equal(expected, RuleOptions.Parse(value).RequiredTags);

    [Theory]
    [InlineData("s3://my-bucket/out/", "$\"s3://my-bucket/out/{nameof(Execution.PipelineExecutionId)}\"")]
    [InlineData("s3://my-bucket/out", "$\"s3://my-bucket/out/{nameof(Execution.PipelineExecutionId)}\"")]
    [InlineData("s3://my-bucket/{a}\"b\\c", "$\"s3://my-bucket/{{a}}\\\"b\\\\c/{nameof(Execution.PipelineExecutionId)}\"")]
    public void Per_execution_paths_are_written_as_interpolated_strings(string prefix, string expected) =>
        Assert.Equal(expected, BestPractice.WithExecutionId(prefix));

    [Fact]
    public void String_literals_escape_quotes_backslashes_and_control_characters() =>
        Assert.Equal("\"a\\\"b\\\\c\\u000a{d}\"", BestPractice.StringLiteral("a\"b\\c\n{d}"));
}
