// The inspection is shared with the DI package (its files are compiled into both).
global using TokenSchema.Inspection;
