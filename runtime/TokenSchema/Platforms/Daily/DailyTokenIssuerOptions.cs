using System;

namespace TokenSchema.Daily;

/// <summary>
/// The options of <see cref="DailyTokenIssuer"/>: the shared ones of <see cref="PlatformTokenIssuerOptions"/> with the Daily
/// issuer's defaults and limits. The lifetime defaults to one hour; no backdating and no key id. Immutable; the issuer checks them when it is created.
/// </summary>
public sealed class DailyTokenIssuerOptions : PlatformTokenIssuerOptions
{
    /// <summary>The defaults.</summary>
    internal static readonly DailyTokenIssuerOptions Default = new();

    /// <summary>
    /// Whether every issue path refuses a token longer than Daily's recommended <see cref="DailyTokenIssuer.MaxRecommendedLength"/>
    /// (2,048) characters: the single-token paths and <c>IssueAll</c> throw <see cref="InvalidOperationException"/>, and
    /// <c>IssueEachAsync</c> reports it as that item's problem. <see langword="true"/> by default; turn it off to issue
    /// such tokens and check <see cref="DailyTokenIssuer.ExceedsRecommendedLength"/> yourself.
    /// </summary>
    public bool RejectOverlongTokens { get; init; } = true;
}
