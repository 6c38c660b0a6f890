using Sagewright.Model.Pipeline;

namespace Sagewright.Tests.Model;

/// <summary>Tuning range bounds are written as Python's <c>str(float)</c> writes them (the SDK sends
/// <c>str(min_value)</c>). Expected values are Python 3's output for the same numbers.</summary>
public class PythonFloatTests
{
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.2345e20, "1.2345e+20")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Matches_python_str(double value, string expected) => Assert.Equal(expected, Sagewright.Model.Emit.Steps.TuningStepEmitter.PythonFloat(value));
}
