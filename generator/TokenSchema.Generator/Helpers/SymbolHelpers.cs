using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace TokenSchema.Generator.Helpers;

/// <summary>Symbol and attribute lookups shared by the generator's parser, its validation rules and the analyzer.</summary>
internal static class SymbolHelpers
{
    internal static object? NamedArgument(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value;
            }
        }

        return null;
    }

}
