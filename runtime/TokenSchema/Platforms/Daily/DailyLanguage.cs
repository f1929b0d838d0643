namespace TokenSchema.Daily;

/// <summary>The languages of Daily's prebuilt UI, the values of the <c>uil</c> (lang) claim.</summary>
public enum DailyLanguage
{
    /// <summary>Danish, <c>da</c>.</summary>
    [ClaimValue("da")] Danish,

    /// <summary>German, <c>de</c>.</summary>
    [ClaimValue("de")] German,

    /// <summary>English, <c>en</c>.</summary>
    [ClaimValue("en")] English,

    /// <summary>Spanish, <c>es</c>.</summary>
    [ClaimValue("es")] Spanish,

    /// <summary>Finnish, <c>fi</c>.</summary>
    [ClaimValue("fi")] Finnish,

    /// <summary>French, <c>fr</c>.</summary>
    [ClaimValue("fr")] French,

    /// <summary>Italian, <c>it</c>.</summary>
    [ClaimValue("it")] Italian,

    /// <summary>Japanese, <c>jp</c> (Daily's spelling).</summary>
    [ClaimValue("jp")] Japanese,

    /// <summary>Georgian, <c>ka</c>.</summary>
    [ClaimValue("ka")] Georgian,

    /// <summary>Dutch, <c>nl</c>.</summary>
    [ClaimValue("nl")] Dutch,

    /// <summary>Norwegian, <c>no</c>.</summary>
    [ClaimValue("no")] Norwegian,

    /// <summary>Portuguese, <c>pt</c>.</summary>
    [ClaimValue("pt")] Portuguese,

    /// <summary>Brazilian Portuguese, <c>pt-BR</c>.</summary>
    [ClaimValue("pt-BR")] BrazilianPortuguese,

    /// <summary>Polish, <c>pl</c>.</summary>
    [ClaimValue("pl")] Polish,

    /// <summary>Russian, <c>ru</c>.</summary>
    [ClaimValue("ru")] Russian,

    /// <summary>Swedish, <c>sv</c>.</summary>
    [ClaimValue("sv")] Swedish,

    /// <summary>Turkish, <c>tr</c>.</summary>
    [ClaimValue("tr")] Turkish,

    /// <summary>The language of the participant's browser, <c>user</c>.</summary>
    [ClaimValue("user")] User,
}
