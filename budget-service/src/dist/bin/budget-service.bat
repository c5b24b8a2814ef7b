@echo off
rem budget-service: starts the Buurtbegroting service (Java 17 or later; JAVA_HOME picks one, else java on PATH).
rem Before the first start this runs the service once on a throwaway database and port (--training-run) to record
rem the classes a start loads in lib\budget-service.jsa (class-data sharing); later starts map that archive and
rem start in about half the time. Delete lib\budget-service.jsa after changing Java, the jar or the options so it is
rem made again (the JVM skips an archive that does not fit). The JVM's defaults stay as they are for a server.
rem BUDGET_SERVICE_JAVA_OPTS adds JVM options; BUDGET_SERVICE_CDS=off starts without an archive.
setlocal
set "APP_HOME=%~dp0.."
set "JAR=%APP_HOME%\lib\budget-service.jar"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
if /i "%BUDGET_SERVICE_CDS%"=="off" goto plain
set "ARCHIVE=%APP_HOME%\lib\budget-service.jsa"
if not exist "%ARCHIVE%" (
  echo budget-service: first start: recording the classes a start loads ^(once, a few seconds^) 1>&2
  "%JAVA%" "-XX:ArchiveClassesAtExit=%ARCHIVE%.tmp" %BUDGET_SERVICE_JAVA_OPTS% -jar "%JAR%" --training-run >nul 2>&1 <nul
  if errorlevel 1 (del /q "%ARCHIVE%.tmp" 2>nul) else (move /y "%ARCHIVE%.tmp" "%ARCHIVE%" >nul)
)
if not exist "%ARCHIVE%" goto plain
"%JAVA%" -Xshare:auto "-XX:SharedArchiveFile=%ARCHIVE%" -Xlog:cds=off -Xlog:cds+dynamic=off %BUDGET_SERVICE_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
:plain
"%JAVA%" %BUDGET_SERVICE_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
