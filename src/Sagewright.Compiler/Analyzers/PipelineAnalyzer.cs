using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Binding;
using Sagewright.Compiler.Diagnostics;

namespace Sagewright.Compiler.Analyzers;

/// <summary>Reports the pipeline findings (SGW0xx and the rules the compiler checks) at the attribute
/// arguments they are about. The whole compilation is analysed once, lazily; each type then reports
/// its own share from a symbol action, so the diagnostics also appear live in the IDE.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeNames.PipelineMetadataName) is null)
            {
                return; // Sagewright.Annotations is not referenced.
            }

            var compilation = start.Compilation;
            var options = start.Options;
            var analysis = new Lazy<ILookup<string, Diagnostic>>(
                () => PipelineAnalysis.Run(compilation, options, CancellationToken.None),
                LazyThreadSafetyMode.ExecutionAndPublication);

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (!type.GetAttributes().Any(a => AttributeNames.Of(a.AttributeClass) is not null))
                    {
                        return;
                    }

                    foreach (var diagnostic in analysis.Value[Binder.MetadataName(type)])
                    {
                        symbolContext.ReportDiagnostic(diagnostic);
                    }
                },
                SymbolKind.NamedType);
        });
    }
}
