using Sagewright;

[Tag("team", "ml")]
public static partial class Demo
{
}
