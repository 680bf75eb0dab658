# Cuvis.Sandbox on Windows: mirrors run.sh.
#   ./run.ps1 [server flags]   build (Release) if needed and start the server in the foreground
#   ./run.ps1 test             run every test (the integration suite needs Linux: it reads /proc
#                              and sends POSIX signals; the unit suites run anywhere)
#   ./run.ps1 build            build the solution (Release)
#   ./run.ps1 chaos [...]      the chaos run of run.sh (Linux only: it signals workers and reads /proc)
#   ./run.ps1 bench [...]      the benchmark of run.sh (Linux only: it reads /proc and the supervisor's cgroups);
#                              install python3-numpy and libopenblas0-pthread for the NumPy baseline
#   ./run.ps1 fuzz             not on Windows: AFL++ needs Linux (use ./run.sh fuzz there, or WSL)
#   ./run.ps1 cuvis [...]      the cuvis command line against a running server (see cli/README.md)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$supervisor = 'artifacts/bin/Cuvis.Sandbox.Supervisor/release/Cuvis.Sandbox.Supervisor.dll'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    throw 'The .NET 10 SDK is required (https://dot.net); dotnet is not on PATH.'
}

# Touched only after a whole Release build succeeded: a failed build may leave some outputs newer than the sources.
$releaseStamp = 'artifacts/bin/.release-build-ok'

function Build-Release {
    Remove-Item $releaseStamp -ErrorAction SilentlyContinue
    dotnet build Cuvis.Sandbox.sln -c Release --nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine('run.ps1: the Release build failed (errors above).'); exit $LASTEXITCODE }
    New-Item -ItemType File -Force $releaseStamp | Out-Null
}

switch ($args[0]) {
    'test' {
        $filter = if ($IsWindows) { @('--filter', 'FullyQualifiedName!~IntegrationTests') } else { @() }
        dotnet test Cuvis.Sandbox.sln --nologo @filter @($args | Select-Object -Skip 1)
        exit $LASTEXITCODE
    }
    'build' { Build-Release }
    'chaos' {
        if (-not $IsLinux) { throw 'The chaos run needs Linux: it signals workers and reads /proc. Use ./run.sh chaos there.' }
        Build-Release
        dotnet artifacts/bin/Cuvis.Sandbox.Chaos/release/Cuvis.Sandbox.Chaos.dll @($args | Select-Object -Skip 1)
        exit $LASTEXITCODE
    }
    'bench' {
        if (-not $IsLinux) { throw 'The benchmark needs Linux: it reads /proc and runs contained workers. Use ./run.sh bench there.' }
        Build-Release
        dotnet artifacts/bin/Cuvis.Sandbox.Bench/release/Cuvis.Sandbox.Bench.dll @($args | Select-Object -Skip 1)
        exit $LASTEXITCODE
    }
    'cuvis' {
        if (-not (Test-Path 'artifacts/bin/Cuvis.Sandbox.Cli/release/cuvis.dll') -or -not (Test-Path $releaseStamp)) { Build-Release }
        dotnet artifacts/bin/Cuvis.Sandbox.Cli/release/cuvis.dll @($args | Select-Object -Skip 1)
        exit $LASTEXITCODE
    }
    'fuzz' {
        [Console]::Error.WriteLine('run.ps1: fuzzing runs AFL++, which needs Linux: run ./run.sh fuzz [--seconds N] [--target manifest|pipeline|tensor|call-answer] there (or under WSL).')
        exit 1
    }
    default {
        if (-not (Test-Path $supervisor) -or -not (Test-Path $releaseStamp)) { Build-Release }
        else {
            $built = (Get-Item $releaseStamp).LastWriteTimeUtc
            $newer = Get-ChildItem protos, supervisor, worker -Recurse -File |
                Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $built } |
                Select-Object -First 1
            if ($newer) { Build-Release }
        }
        dotnet $supervisor @args
        exit $LASTEXITCODE
    }
}
