@echo off
rem budget: the Buurtbegroting command line tool (Java 17 or later; JAVA_HOME picks one, else java on PATH).
rem Before the first command, a training run (every command on a small generated election, output
rem discarded) records the classes it loads in lib\budget.jsa (class-data sharing); every run maps that
rem archive and starts faster. Delete lib\budget.jsa after changing Java or the jar to make it again.
rem Serial collector and the C1 compiler alone: a one-shot tool is done before C2 pays off; a young
rem generation of 192 MB holds what a city-sized run allocates, so it ends without a collection.
rem BUDGET_JAVA_OPTS adds JVM options and wins over these.
setlocal
set "APP_HOME=%~dp0.."
set "JAR=%APP_HOME%\lib\budget-cli.jar"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
set "ARCHIVE=%APP_HOME%\lib\budget.jsa"
set "OPTS=-XX:+UseSerialGC -Xmn192m -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=error:stderr"
if not exist "%ARCHIVE%" (
  "%JAVA%" %OPTS% "-XX:ArchiveClassesAtExit=%ARCHIVE%" %BUDGET_JAVA_OPTS% -cp "%JAR%" nl.buurtbegroting.cli.ArchiveTraining >nul 2>&1
)
if exist "%ARCHIVE%" (
  "%JAVA%" %OPTS% "-XX:SharedArchiveFile=%ARCHIVE%" %BUDGET_JAVA_OPTS% -jar "%JAR%" %*
) else (
  "%JAVA%" %OPTS% %BUDGET_JAVA_OPTS% -jar "%JAR%" %*
)
exit /b %ERRORLEVEL%
