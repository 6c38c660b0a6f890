// The namespaces nearly every file of the compiler uses: Roslyn's symbols and the model the binder fills.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using Microsoft.CodeAnalysis;
global using Sagewright.Model;
global using Sagewright.Model.Pipeline;
global using Sagewright.Model.Validation;
