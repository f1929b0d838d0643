using System;
using System.Collections;
using System.Collections.Generic;

namespace TokenSchema.Generator.Model;

/// <summary>
/// A read-only array compared by its elements, so that models holding it stay equal across generator runs
/// and the incremental pipeline can cache them.
/// </summary>
/// <typeparam name="T">An equatable element type.</typeparam>
internal sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[] _items;

    /// <summary>Creates the array over a copy of <paramref name="items"/>.</summary>
    public ImmutableEquatableArray(IEnumerable<T> items)
    {
        _items = new List<T>(items).ToArray();
    }

    /// <summary>The array with no element.</summary>
    public static ImmutableEquatableArray<T> Empty { get; } = new(Array.Empty<T>());

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public bool Equals(ImmutableEquatableArray<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        for (int i = 0; i < _items.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ImmutableEquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in _items)
        {
            hash = unchecked((hash * 31) + (item is null ? 0 : item.GetHashCode()));
        }

        return hash;
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}

/// <summary>Creates <see cref="ImmutableEquatableArray{T}"/> instances.</summary>
internal static class ImmutableEquatableArray
{
    /// <summary>Copies <paramref name="items"/> into an equatable array.</summary>
    public static ImmutableEquatableArray<T> ToImmutableEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}
