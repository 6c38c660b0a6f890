using Sagewright;

[Pipeline("Demo")]
public static partial class Demo;

[Pipeline("Demo")]
public static partial class Demo;

[Pipeline("Demo")]
[Tag("team", "ml")]
file static partial class Demo;
