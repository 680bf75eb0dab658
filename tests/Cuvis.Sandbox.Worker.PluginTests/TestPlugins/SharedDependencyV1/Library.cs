namespace SharedDependency;

public static class Library
{
    // A method, not a const, so callers read it at run time from whichever version they loaded.
    public static int Version() => 1;
}
