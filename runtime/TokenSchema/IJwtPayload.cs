using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TokenSchema;

/// <summary>
/// A JWT payload type: writes its claims as a JSON object, reads them back, and validates itself.
/// The TokenSchema source generator implements it for every <c>partial</c> type marked
/// <see cref="TokenPayloadAttribute"/>; it can also be written by hand.
/// </summary>
/// <typeparam name="TSelf">The payload type itself.</typeparam>
/// <remarks>
/// None of the members allocates on a valid payload: <see cref="WritePayload"/> writes pre-encoded claim names
/// into the caller's writer, and <see cref="Validate"/> returns the default (valid) result without allocating.
/// </remarks>
public interface IJwtPayload<TSelf> : IClaimSchema where TSelf : IJwtPayload<TSelf>
{
    /// <summary>
    /// Writes the payload as one JSON object (start and end included) in declaration order.
    /// Claims whose value is <see langword="null"/> are omitted.
    /// </summary>
    /// <param name="writer">The writer to write the JSON object to.</param>
    void WritePayload(Utf8JsonWriter writer);

    /// <summary>Checks every claim and returns every problem found, not only the first.</summary>
    /// <returns>The default, valid result when there is no problem; no allocation happens in that case.</returns>
    ClaimValidationResult Validate();

    /// <summary>
    /// Reads a payload from <paramref name="reader"/>, positioned before or on the start of the JSON object.
    /// Unknown claims are skipped; a duplicate claim, a value of the wrong JSON type or a missing required claim
    /// makes it return <see langword="false"/> with an <paramref name="error"/> naming the claim.
    /// </summary>
    /// <param name="reader">The reader over the payload JSON.</param>
    /// <param name="payload">The payload read, when the method returns <see langword="true"/>.</param>
    /// <param name="error">What went wrong, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the payload was read.</returns>
    /// <exception cref="JsonException">The input is not well-formed JSON.</exception>
    static abstract bool TryReadPayload(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out TSelf payload, out ClaimReadError error);

    /// <summary>
    /// Reads a payload as <see cref="TryReadPayload"/> does and reports its top-level claims to <paramref name="scan"/>
    /// in the same pass, so that <see cref="JwtVerifier"/> reads a verified payload's JSON once. Generated payloads
    /// implement it; the default says the type does not, and the verifier then scans the payload in a separate pass
    /// before <see cref="TryReadPayload"/>.
    /// </summary>
    /// <param name="reader">The reader over the payload JSON, positioned before the start of the JSON object.</param>
    /// <param name="scan">What the verifier learns from the top-level claims.</param>
    /// <param name="payload">The payload read, when the method returns <see langword="true"/>.</param>
    /// <param name="error">What went wrong, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the payload was read and the scan refused nothing.</returns>
    /// <exception cref="JsonException">The input is not well-formed JSON.</exception>
    static virtual bool TryReadAndScanPayload(ref Utf8JsonReader reader, ref ClaimScan scan, [MaybeNullWhen(false)] out TSelf payload, out ClaimReadError error)
    {
        scan.MarkUnsupported();
        payload = default;
        error = default;
        return false;
    }
}

/// <summary>
/// Writes and reads a claim value of type <typeparamref name="T"/> for <see cref="ClaimConverterAttribute"/>.
/// </summary>
/// <typeparam name="T">The member's type.</typeparam>
public interface IClaimConverter<T>
{
    /// <summary>Writes <paramref name="value"/> as the claim's JSON value (the property name is already written).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value to write.</param>
    static abstract void Write(Utf8JsonWriter writer, T value);

    /// <summary>Reads the claim's JSON value at the reader's current token.</summary>
    /// <param name="reader">The reader, positioned on the value's first token.</param>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> when the JSON value has a shape the converter does not accept.</returns>
    /// <remarks>
    /// On <see langword="true"/> the reader must be left on the value's last token: the matching
    /// <see cref="JsonTokenType.EndObject"/> or <see cref="JsonTokenType.EndArray"/> of an object or array, the token
    /// itself for any other value (where <see cref="Utf8JsonReader.Skip"/> stops). Generated readers check this and
    /// otherwise fail with <see cref="ClaimReadErrorKind.WrongType"/> naming the claim.
    /// </remarks>
    static abstract bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out T value);
}
