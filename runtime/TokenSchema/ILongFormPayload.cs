using System.Text.Json;

namespace TokenSchema;

/// <summary>
/// A payload that can also be written in its platform's long (REST) form, e.g. as the body of Daily's
/// create-meeting-token call: <c>{"room_name":"x","close_tab_on_exit":true}</c> instead of <c>{"r":"x","ctoe":true}</c>.
/// The TokenSchema source generator implements it for every <see cref="TokenPayloadAttribute"/> type whose
/// vocabulary gives claims long names (<see cref="ClaimVocabulary.Daily"/> today).
/// </summary>
/// <remarks>
/// The long form has the same claims in the same order as <see cref="IJwtPayload{TSelf}.WritePayload"/>:
/// <see langword="null"/> claims are omitted, a claim the vocabulary gives no long name keeps its claim name,
/// NumericDate claims (<c>exp</c>, <c>nbf</c>, <c>iat</c>) stay integer seconds, and nested payloads that have a long
/// form are written in it. Like <see cref="IJwtPayload{TSelf}.WritePayload"/>, writing allocates nothing.
/// </remarks>
public interface ILongFormPayload
{
    /// <summary>Writes the payload as one JSON object (start and end included) with the platform's long names.</summary>
    /// <param name="writer">The writer to write the JSON object to.</param>
    void WriteLongForm(Utf8JsonWriter writer);
}

/// <summary>
/// A <see cref="IClaimConverter{T}"/> that writes a different value in the long (REST) form, e.g. Daily's
/// <c>canSend</c>: the comma string <c>"v,a"</c> in a token, the array <c>["video","audio"]</c> in the REST body.
/// A converter that does not implement it writes the same value in both forms.
/// </summary>
/// <typeparam name="T">The member's type.</typeparam>
public interface ILongFormClaimConverter<T> : IClaimConverter<T>
{
    /// <summary>Writes <paramref name="value"/> as the claim's long-form JSON value (the property name is already written).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value to write.</param>
    static abstract void WriteLongForm(Utf8JsonWriter writer, T value);
}
