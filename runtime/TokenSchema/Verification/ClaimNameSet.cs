using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace TokenSchema.Verification;

/// <summary>
/// The top-level claim names of one payload seen so far, to refuse a repeated one (escaped spellings included) in
/// constant time per name.
/// </summary>
/// <remarks>
/// Each name is remembered in an open-addressing table of (hash, where, length) slots: "where" is an offset into the
/// JSON for a name written without escapes, or ~offset into the arena for the unescaped bytes of an escaped one. The
/// hash is seeded per process, so no input can be crafted to collide; a hash match is settled by comparing the bytes.
/// Finding a repeated name costs the same for the thousandth claim as for the first. The table is a pooled array,
/// rented only when the first name is added: a payload whose claims its schema all describes never needs one (a table
/// inside the set, on the stack, made every verification pay for clearing it), and it moves to a larger pooled array
/// when it fills up.
/// </remarks>
internal ref struct ClaimNameSet
{
    /// <summary>Slots of the first table: 16 names (most tokens have fewer) before it moves to a larger one.</summary>
    public const int FirstSlots = 32;

    private readonly ReadOnlySpan<byte> _json;
    private int[]? _rentedTable;
    private byte[]? _arena;
    private int _arenaUsed;
    private int _slots;
    private int _count;

    /// <summary>Creates an empty set over the names of <paramref name="json"/>.</summary>
    /// <param name="json">The payload JSON the reader reads: names written without escapes are kept as offsets into it.</param>
    public ClaimNameSet(ReadOnlySpan<byte> json)
    {
        _json = json;
    }

    private readonly Span<int> Table => _rentedTable.AsSpan(0, _slots * 3);

    /// <summary>Adds the property name the reader is on.</summary>
    /// <param name="reader">A reader over the JSON given to the constructor, on a <see cref="JsonTokenType.PropertyName"/>.</param>
    /// <param name="name">The name's unescaped bytes, valid until <see cref="Dispose"/>.</param>
    /// <returns><see langword="false"/> when the name was added before.</returns>
    public bool TryAdd(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        int where;
        int length;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // Unescaped names are never longer than their escaped form, so the arena never outgrows the JSON.
            _arena ??= ArrayPool<byte>.Shared.Rent(Math.Max(_json.Length, 1));
            length = reader.CopyString(_arena.AsSpan(_arenaUsed));
            where = ~_arenaUsed;
            _arenaUsed += length;
        }
        else
        {
            ReadOnlySpan<byte> raw = reader.ValueSpan;
            where = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_json), ref MemoryMarshal.GetReference(raw));
            length = raw.Length;
        }

        if (_slots == 0)
        {
            _slots = FirstSlots;
            _rentedTable = ArrayPool<int>.Shared.Rent(FirstSlots * 3);
            MarkEmpty(Table);
        }

        Span<int> table = Table;
        name = NameAt(where, length);
        int hash = Hash(name);
        int slot = hash & (_slots - 1);
        while (table[slot * 3 + 2] >= 0)
        {
            if (table[slot * 3] == hash && table[slot * 3 + 2] == length && NameAt(table[slot * 3 + 1], length).SequenceEqual(name))
            {
                return false;
            }

            slot = (slot + 1) & (_slots - 1);
        }

        table[slot * 3] = hash;
        table[slot * 3 + 1] = where;
        table[slot * 3 + 2] = length;
        if (++_count * 2 > _slots)
        {
            Grow();
        }

        return true;
    }

    /// <summary>Returns the pooled arrays; the arena, which held claim names, is cleared first.</summary>
    public void Dispose()
    {
        if (_rentedTable is not null)
        {
            ArrayPool<int>.Shared.Return(_rentedTable);
            _rentedTable = null;
        }

        if (_arena is not null)
        {
            CryptographicOperations.ZeroMemory(_arena.AsSpan(0, _arenaUsed));
            ArrayPool<byte>.Shared.Return(_arena);
            _arena = null;
        }
    }

    // At most half full, so probes stay short: move every entry to a table twice as large.
    private void Grow()
    {
        Span<int> table = Table;
        int[] larger = ArrayPool<int>.Shared.Rent(_slots * 2 * 3);
        Span<int> grown = larger.AsSpan(0, _slots * 2 * 3);
        MarkEmpty(grown);
        for (int i = 0; i < _slots; i++)
        {
            if (table[i * 3 + 2] >= 0)
            {
                int target = table[i * 3] & (_slots * 2 - 1);
                while (grown[target * 3 + 2] >= 0)
                {
                    target = (target + 1) & (_slots * 2 - 1);
                }

                table.Slice(i * 3, 3).CopyTo(grown.Slice(target * 3, 3));
            }
        }

        // The smaller pooled table is not returned here but left to the collector: a copy of this set (a ref struct can be
        // copied) may still hold it, and the pool must never get one array back twice. Only Dispose returns an array.
        _rentedTable = larger;
        _slots *= 2;
    }

    private readonly ReadOnlySpan<byte> NameAt(int where, int length) =>
        where >= 0 ? _json.Slice(where, length) : _arena.AsSpan(~where, length);

    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.AddBytes(name);
        return hash.ToHashCode();
    }

    // A length of -1 marks a free slot.
    private static void MarkEmpty(Span<int> table)
    {
        for (int i = 2; i < table.Length; i += 3)
        {
            table[i] = -1;
        }
    }
}
