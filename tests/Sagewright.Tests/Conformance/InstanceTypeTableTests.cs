using System.Reflection;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Conformance;

/// <summary>The instance-type tables of <c>InstanceTypes.Data.cs</c> are exactly the botocore enums.</summary>
public class InstanceTypeTableTests
{
    /// <summary>Every public string[] table of <see cref="InstanceTypes"/>, by field name.</summary>
    private static readonly Dictionary<string, string[]> Tables = typeof(InstanceTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(string[]))
        .ToDictionary(f => f.Name, f => (string[])f.GetValue(null)!, StringComparer.Ordinal);

    public static TheoryData<string, string> Pairs() => new()
    {
        { nameof(InstanceTypes.Processing), "ProcessingInstanceType" },
        { nameof(InstanceTypes.Training), "TrainingInstanceType" },
        { nameof(InstanceTypes.Transform), "TransformInstanceType" },
        { nameof(InstanceTypes.Endpoint), "ProductionVariantInstanceType" },
    };

    [ReferenceTheory]
    [MemberData(nameof(Pairs))]
    public void Table_equals_the_botocore_enum(string table, string shape)
    {
        var product = Tables[table];
        var botocore = BotocoreModel.SageMaker.Shape(shape).Enum;
        Assert.NotNull(botocore);
        var missing = botocore.Except(product, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var extra = product.Except(botocore, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"InstanceTypes.{table} differs from botocore {shape}:\n  missing: {string.Join(", ", missing)}\n  not in botocore: {string.Join(", ", extra)}");
        Assert.True(product.Length == product.Distinct(StringComparer.Ordinal).Count(), $"InstanceTypes.{table} lists a type twice");
    }

    [Fact]
    public void Every_table_is_compared_with_a_botocore_enum()
    {
        // A table added to InstanceTypes must get a row in Pairs.
        Assert.Equal(Tables.Keys.Order(StringComparer.Ordinal), Pairs().Select(p => (string)p[0]).Order(StringComparer.Ordinal));
    }
}
