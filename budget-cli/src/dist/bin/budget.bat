@echo off
rem budget: the Buurtbegroting command line tool (Java 17 or later; JAVA_HOME picks one, else java on PATH).
rem The first run records the classes it loads in lib\budget.jsa (class-data sharing); later runs map
rem that archive and start faster. Delete lib\budget.jsa after changing Java or the jar to make it again.
rem Serial collector and the C1 compiler alone: a one-shot tool is done before C2 pays off.
rem BUDGET_JAVA_OPTS adds JVM options and wins over these.
setlocal
set "APP_HOME=%~dp0.."
set "JAR=%APP_HOME%\lib\budget-cli.jar"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
set "ARCHIVE=%APP_HOME%\lib\budget.jsa"
set "OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=error:stderr"
if exist "%ARCHIVE%" (
  "%JAVA%" %OPTS% "-XX:SharedArchiveFile=%ARCHIVE%" %BUDGET_JAVA_OPTS% -jar "%JAR%" %*
) else (
  "%JAVA%" %OPTS% "-XX:ArchiveClassesAtExit=%ARCHIVE%" %BUDGET_JAVA_OPTS% -jar "%JAR%" %*
)
exit /b %ERRORLEVEL%
