using System;

namespace TokenSchema;

/// <summary>A platform's defaults and limits for the options its issuer takes.</summary>
/// <param name="Platform">The platform's name, for messages.</param>
/// <param name="DefaultLifetime">The lifetime when <see cref="PlatformTokenIssuerOptions.Lifetime"/> is null.</param>
/// <param name="MinLifetime">The shortest lifetime the platform accepts.</param>
/// <param name="MaxLifetime">The longest lifetime the platform accepts; <see cref="TimeSpan.MaxValue"/> for no limit.</param>
/// <param name="DefaultBackdating">The backdating when <see cref="PlatformTokenIssuerOptions.Backdating"/> is null; null where the platform does not backdate.</param>
/// <param name="AcceptsKeyId">Whether the platform's server accepts a <c>kid</c> header.</param>
internal readonly record struct PlatformRules(
    string Platform,
    TimeSpan DefaultLifetime,
    TimeSpan MinLifetime,
    TimeSpan MaxLifetime,
    TimeSpan? DefaultBackdating,
    bool AcceptsKeyId)
{
    /// <summary>One second: the shortest lifetime of a platform without its own minimum.</summary>
    public static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
}

/// <summary>The checks the credentials records run in their constructors.</summary>
internal static class CredentialChecks
{
    /// <summary>Returns <paramref name="value"/>, or throws when it is null or empty.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="what">What the value is, for the message: "the LiveKit API secret".</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public static string Required(string? value, string name, string what)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"Pass {what}.");
        }

        if (value.Length == 0)
        {
            throw new ArgumentException($"{Capitalized(what)} must not be empty.", name);
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/>, or throws when it is null, empty or only white space.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="what">What the value is, for the message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or white space.</exception>
    public static string RequiredId(string? value, string name, string what)
    {
        Required(value, name, what);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{Capitalized(what)} must not be blank.", name);
        }

        return value;
    }

    private static string Capitalized(string what) => char.ToUpperInvariant(what[0]) + what[1..];
}
