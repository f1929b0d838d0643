using TokenSchema;

// Compiled only with -p:Mistakes=true: CI expects each mistake below to be a build error.

/// <summary>A misspelled Daily claim: TKS0001 with the suggestion 'ctoe' (close_tab_on_exit).</summary>
[TokenPayload(ClaimVocabulary.Daily)]
public partial record MisspelledToken
{
    [Claim("r")] public required string RoomName { get; init; }

    [Claim("cteo")] public bool? CloseTabOnExit { get; init; }
}

/// <summary>A Daily boolean claim declared as a string: TKS0004.</summary>
[TokenPayload(ClaimVocabulary.Daily)]
public partial record MistypedToken
{
    [Claim("r")] public required string RoomName { get; init; }

    [Claim("ctoe")] public string? CloseTabOnExit { get; init; }
}
