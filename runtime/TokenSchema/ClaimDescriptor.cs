using System;
using System.Collections.Generic;

namespace TokenSchema;

/// <summary>The JSON shape of a claim's value, as a <see cref="ClaimDescriptor"/> describes it.</summary>
public enum ClaimValueType
{
    /// <summary>A string.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A UUID string.</summary>
    Uuid,

    /// <summary>An absolute URI string.</summary>
    Uri,

    /// <summary>A NumericDate: seconds since the Unix epoch.</summary>
    NumericDate,

    /// <summary>A duration in whole seconds.</summary>
    Seconds,

    /// <summary>One of <see cref="ClaimDescriptor.AllowedValues"/>, as a string.</summary>
    Enum,

    /// <summary>An array; <see cref="ClaimDescriptor.Items"/> describes its items.</summary>
    Array,

    /// <summary>A nested object; <see cref="ClaimDescriptor.Members"/> describes its claims.</summary>
    Object,

    /// <summary>An object of string keys; <see cref="ClaimDescriptor.Items"/> describes its values.</summary>
    Map,

    /// <summary>Any JSON value.</summary>
    Json,

    /// <summary>A value a converter writes and reads.</summary>
    Custom,
}

/// <summary>
/// One claim of a generated payload type, as its vocabulary and its attributes define it: the name in the token, the
/// long (REST) name, the value's shape and the limits <see cref="IJwtPayload{TSelf}.Validate"/> enforces. Tools read
/// these (<see cref="IClaimSchema.ClaimDescriptors"/>) instead of keeping their own lists of claims.
/// </summary>
public sealed record ClaimDescriptor
{
    private readonly Func<IReadOnlyList<ClaimDescriptor>>? _members;

    /// <summary>Creates a descriptor; generated code calls it.</summary>
    /// <param name="name">The claim's name in the token.</param>
    /// <param name="memberName">The C# member that holds it.</param>
    /// <param name="type">The value's shape.</param>
    /// <param name="members">For a nested payload (or items or values of nested payloads), its claims.</param>
    public ClaimDescriptor(string name, string memberName, ClaimValueType type, Func<IReadOnlyList<ClaimDescriptor>>? members = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        MemberName = memberName ?? throw new ArgumentNullException(nameof(memberName));
        Type = type;
        _members = members;
    }

    /// <summary>The claim's name in the token, e.g. <c>ctoe</c>.</summary>
    public string Name { get; }

    /// <summary>The C# member that holds the claim, e.g. <c>CloseTabOnExit</c>.</summary>
    public string MemberName { get; }

    /// <summary>The value's shape.</summary>
    public ClaimValueType Type { get; }

    /// <summary>The platform's long (REST) name, e.g. <c>close_tab_on_exit</c>; <see langword="null"/> when it has none.</summary>
    public string? LongName { get; init; }

    /// <summary>What the claim means, in a few words from its vocabulary; <see langword="null"/> for a claim the vocabulary does not list.</summary>
    public string? Description { get; init; }

    /// <summary>Whether a valid payload carries the claim.</summary>
    public bool IsRequired { get; init; }

    /// <summary>The values the claim (or each of its items) may take; empty when any value goes.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = Array.Empty<string>();

    /// <summary>The long (REST) form of each of <see cref="AllowedValues"/>, in the same order (Daily's <c>v</c> is <c>video</c>); empty when they have none.</summary>
    public IReadOnlyList<string> AllowedValueLongNames { get; init; } = Array.Empty<string>();

    /// <summary>Whether the value is a <see cref="ValueSeparator"/>-separated list of <see cref="AllowedValues"/> (<c>v,a</c>).</summary>
    public char? ValueSeparator { get; init; }

    /// <summary>The longest string allowed, if any.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The smallest number allowed, if any.</summary>
    public double? Minimum { get; init; }

    /// <summary>The largest number allowed, if any.</summary>
    public double? Maximum { get; init; }

    /// <summary>For <see cref="ClaimValueType.Array"/> and <see cref="ClaimValueType.Map"/>, the shape of the items or values.</summary>
    public ClaimValueType? Items { get; init; }

    /// <summary>For a nested payload (or arrays and maps of them), its claims; <see langword="null"/> otherwise.</summary>
    public IReadOnlyList<ClaimDescriptor>? Members => _members?.Invoke();
}

/// <summary>A payload type that describes its claims; the generator implements it for every <see cref="TokenPayloadAttribute"/> type.</summary>
public interface IClaimSchema
{
    /// <summary>The payload's claims in declaration order.</summary>
    /// <remarks>
    /// Generated payloads list their claims; the default, for a hand-written payload, lists none, so that
    /// <see cref="UnknownClaims.Reject"/> refuses every claim of such a payload as one its schema does not describe.
    /// </remarks>
    static virtual IReadOnlyList<ClaimDescriptor> ClaimDescriptors => [];
}
