@echo off
rem Crashscope, the workbench for Linux kernel crash analysis: the launcher of the Windows product.
rem   crashscope [FILE...]                          the workbench
rem   crashscope analyze FILE [--format json^|text]  the headless CLI
rem   crashscope report FILE -o OUT                 an annotated report (html, md or json)
rem   crashscope --version ^| --help
rem It runs on a Java 21 or newer: CRASHSCOPE_JAVA (a java.exe), JAVA_HOME, the java.exe on the PATH, then the
rem usual places (Program Files: Eclipse Adoptium, Java, Microsoft, Zulu, Amazon Corretto, BellSoft, Semeru),
rem and says which it tried when none fits. CRASHSCOPE_VMARGS is passed to the JVM; CRASHSCOPE_WORKSPACE
rem replaces the workspace folder (default %APPDATA%\Crashscope\workspace).
rem The packaging writes this file with CRLF line ends: cmd.exe misreads labels in LF-only files.
setlocal EnableExtensions DisableDelayedExpansion
set "CS_HOME=%~dp0"
if "%CS_HOME:~-1%"=="\" set "CS_HOME=%CS_HOME:~0,-1%"
set "CS_JAVA="
set "CS_TRIED="
set "CS_TMP=%TEMP%\crashscope-java-%RANDOM%%RANDOM%.txt"

if defined CRASHSCOPE_JAVA call :consider "%CRASHSCOPE_JAVA%"
if not defined CS_JAVA if defined JAVA_HOME call :consider "%JAVA_HOME%\bin\java.exe"
if not defined CS_JAVA for /f "delims=" %%J in ('where java.exe 2^>nul') do if not defined CS_JAVA call :consider "%%J"
if not defined CS_JAVA for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Java\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*" "%ProgramFiles%\Amazon Corretto\*" "%ProgramFiles%\BellSoft\*" "%ProgramFiles%\Semeru\*" "%LOCALAPPDATA%\Programs\Eclipse Adoptium\*") do if not defined CS_JAVA call :consider "%%D\bin\java.exe"
rem (no parenthesised blocks around expanded paths: a ")" in one, as in "Program Files (x86)", would end the block)
if defined CS_JAVA goto java_found
echo crashscope: no Java 21 or newer for x64 found (looked at CRASHSCOPE_JAVA, JAVA_HOME, the PATH, %ProgramFiles%\Eclipse Adoptium, Java, Microsoft, Zulu, Amazon Corretto, BellSoft, Semeru)%CS_TRIED%; install one (e.g. Eclipse Temurin 21 or newer for Windows x64 from https://adoptium.net, or: winget install EclipseAdoptium.Temurin.21.JRE) or set JAVA_HOME 1>&2
exit /b 2
:java_found
if exist "%CS_HOME%\plugins\org.eclipse.equinox.launcher_*.jar" goto launcher_found
echo crashscope: no equinox launcher in %CS_HOME%\plugins: the installation is damaged 1>&2
exit /b 2
:launcher_found

if /i "%~1"=="analyze" goto cli
if /i "%~1"=="report" goto cli
if /i "%~1"=="cases" goto cli
if /i "%~1"=="help" goto cli
if /i "%~1"=="-h" goto cli
if /i "%~1"=="--help" goto cli
if /i "%~1"=="--version" goto cli

rem the workbench, without a console window (javaw beside java), in a workspace of the user's roaming profile
if defined CRASHSCOPE_WORKSPACE (set "CS_WORKSPACE=%CRASHSCOPE_WORKSPACE%") else set "CS_WORKSPACE=%APPDATA%\Crashscope\workspace"
if not exist "%CS_WORKSPACE%\" mkdir "%CS_WORKSPACE%" 2>nul
if exist "%CS_WORKSPACE%\" goto workspace_made
echo crashscope: cannot make the workspace folder %CS_WORKSPACE% (set CRASHSCOPE_WORKSPACE to another) 1>&2
exit /b 2
:workspace_made
for %%L in ("%CS_HOME%\plugins\org.eclipse.equinox.launcher_*.jar") do set "CS_LAUNCHER=%%~fL"
for %%J in ("%CS_JAVA%") do set "CS_JAVAW=%%~dpJjavaw.exe"
if not exist "%CS_JAVAW%" set "CS_JAVAW=%CS_JAVA%"
start "Crashscope" "%CS_JAVAW%" -Dosgi.requiredJavaVersion=21 -Xms64m --enable-native-access=ALL-UNNAMED %CRASHSCOPE_VMARGS% -jar "%CS_LAUNCHER%" -data "%CS_WORKSPACE%" %*
exit /b 0

:cli
rem the headless CLI: plain Java, no OSGi, the UI-free bundles of the product on the class path
set "CS_CP="
for %%N in (com.sun.jna com.google.gson wrapped.com.google.re2j.re2j org.crashscope.transcript org.crashscope.arch org.crashscope.analysis org.crashscope.live org.crashscope.presentation org.crashscope.diagram org.crashscope.report org.crashscope.library com.h2database org.postgresql.jdbc org.flywaydb.core org.crashscope.cli) do call :addjar %%N
if "%CS_CP%"=="-" exit /b 2
"%CS_JAVA%" -XX:+UseSerialGC -Xshare:auto --enable-native-access=ALL-UNNAMED %CRASHSCOPE_VMARGS% -cp "%CS_CP%" org.crashscope.cli.Main %*
exit /b %ERRORLEVEL%

:addjar
if "%CS_CP%"=="-" goto :eof
set "CS_JAR="
for %%F in ("%CS_HOME%\plugins\%1_*.jar") do set "CS_JAR=%%~fF"
if defined CS_JAR goto jar_found
echo crashscope: no %1 in %CS_HOME%\plugins: the installation is damaged 1>&2
set "CS_CP=-"
goto :eof
:jar_found
if defined CS_CP (set "CS_CP=%CS_CP%;%CS_JAR%") else set "CS_CP=%CS_JAR%"
goto :eof

rem :consider JAVA.EXE  takes it when it is a Java 21 or newer for x64, else notes why not
:consider
if not exist "%~1" goto :eof
if exist "%~dp1..\release" findstr /c:"OS_ARCH=\"aarch64\"" "%~dp1..\release" >nul 2>&1 && (
  set "CS_TRIED=%CS_TRIED%; %~1 is for arm64, this Crashscope is for x64"
  goto :eof
)
set "CS_V="
"%~1" -version 2> "%CS_TMP%"
for /f "usebackq tokens=1,2,3" %%A in ("%CS_TMP%") do if "%%B"=="version" if not defined CS_V set "CS_V=%%~C"
del "%CS_TMP%" 2>nul
if not defined CS_V goto :eof
set "CS_MAJOR=0"
for /f "delims=.-+_" %%M in ("%CS_V%") do set "CS_MAJOR=%%M"
if "%CS_MAJOR%"=="1" (
  set "CS_TRIED=%CS_TRIED%; %~1 is Java %CS_V%, too old"
  goto :eof
)
set /a CS_MAJOR_N=CS_MAJOR 2>nul
if %CS_MAJOR_N% GEQ 21 (
  set "CS_JAVA=%~1"
) else (
  set "CS_TRIED=%CS_TRIED%; %~1 is Java %CS_V%, too old"
)
goto :eof
