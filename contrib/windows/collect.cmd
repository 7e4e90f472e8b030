@echo off
rem NetTriage evidence collector for Windows stations: reads, changes nothing, opens no
rem connection (nslookup sends one DNS query per named target).
rem
rem   collect.cmd [/out DIR] [/label TEXT] [/station NAME] [/target HOST:PORT]... [/archive]
rem
rem Writes a bundle folder (DIR, default nettriage-COMPUTERNAME-STAMP here) that
rem 'nettriage run --evidence DIR' reads on any machine: netstat -ano, ipconfig /all,
rem route print, netsh int ipv4 show dynamicport tcp, the System log's Tcpip 4226/4227/4231
rem events, nslookup for each named target, Get-NetTCPConnection when PowerShell is there,
rem and manifest.json. /archive also packs DIR.tar.gz (tar ships with Windows 10 1803 and later).
rem Plain batch, so no execution policy stands in the way. File names: docs/fleet.md.
setlocal EnableExtensions EnableDelayedExpansion

set "OUT="
set "LABEL="
set "STATION=%COMPUTERNAME%"
set "TARGETS="
set "ARCHIVE=0"
:args
if "%~1"=="" goto args_done
if /i "%~1"=="/out" (set "OUT=%~2" & shift & shift & goto args)
if /i "%~1"=="/label" (set "LABEL=%~2" & shift & shift & goto args)
if /i "%~1"=="/station" (set "STATION=%~2" & shift & shift & goto args)
if /i "%~1"=="/target" (set "TARGETS=!TARGETS! %~2" & shift & shift & goto args)
if /i "%~1"=="/archive" (set "ARCHIVE=1" & shift & goto args)
if /i "%~1"=="/?" goto usage
echo error: unknown option '%~1' 1>&2
goto usage_error
:args_done

set "HAVE_PS=0"
where powershell.exe >nul 2>&1 && set "HAVE_PS=1"

rem The time with the station's UTC offset; without PowerShell, as cmd prints it.
set "STAMP=%RANDOM%"
set "WHEN=%DATE% %TIME%"
if "%HAVE_PS%"=="1" (
  for /f "usebackq delims=" %%t in (`powershell.exe -NoProfile -NonInteractive -Command "Get-Date -Format yyyyMMdd-HHmmss"`) do set "STAMP=%%t"
  for /f "usebackq delims=" %%t in (`powershell.exe -NoProfile -NonInteractive -Command "Get-Date -Format o"`) do set "WHEN=%%t"
)
set "ZONE="
for /f "usebackq delims=" %%z in (`tzutil /g 2^>nul`) do set "ZONE=%%z"
set "OSVER="
for /f "usebackq delims=" %%v in (`ver`) do set "OSVER=%%v"

if "%OUT%"=="" set "OUT=%CD%\nettriage-%COMPUTERNAME%-%STAMP%"
if exist "%OUT%\manifest.json" (
  echo error: '%OUT%' holds a bundle already; give another /out 1>&2
  exit /b 73
)
mkdir "%OUT%" 2>nul
if not exist "%OUT%\" (
  echo error: cannot create '%OUT%' 1>&2
  exit /b 73
)
set "FILES=%OUT%\files.part"
set "SKIPS=%OUT%\skipped.part"
type nul > "%FILES%"
type nul > "%SKIPS%"

echo [1/6] netstat -ano 1>&2
netstat -ano > "%OUT%\netstat-ano.txt" 2>&1
call :record netstat-ano.txt netstat "netstat -ano"

echo [2/6] ipconfig /all 1>&2
ipconfig /all > "%OUT%\ipconfig-all.txt" 2>&1
call :record ipconfig-all.txt ipconfig "ipconfig /all"

echo [3/6] route print 1>&2
route print > "%OUT%\route-print.txt" 2>&1
call :record route-print.txt route-print "route print"

echo [4/6] netsh int ipv4 show dynamicport tcp 1>&2
netsh int ipv4 show dynamicport tcp > "%OUT%\dynamicport-tcp.txt" 2>&1
call :record dynamicport-tcp.txt dynamicport "netsh int ipv4 show dynamicport tcp"

echo [5/6] System log: Tcpip events 4226, 4227, 4231 1>&2
wevtutil qe System "/q:*[System[Provider[@Name='Tcpip'] and (EventID=4226 or EventID=4227 or EventID=4231)]]" /rd:true /c:200 /f:text > "%OUT%\events-tcpip.txt" 2>&1
call :record events-tcpip.txt eventlog "wevtutil qe System /q:Tcpip 4226 4227 4231 /rd:true /c:200 /f:text"

echo [6/6] nslookup for the named targets 1>&2
for %%t in (%TARGETS%) do call :lookup "%%t"

if "%HAVE_PS%"=="1" if exist "%~dp0collect.ps1" (
  echo [+] Get-NetTCPConnection ^(PowerShell^) 1>&2
  powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "%~dp0collect.ps1" -Out "%OUT%" 2>nul
  if exist "%OUT%\get-nettcpconnection.txt" (
    set "RC=0"
    call :entry get-nettcpconnection.txt get-nettcpconnection "Get-NetTCPConnection | Format-Table -AutoSize"
  ) else (
    call :skip get-nettcpconnection "PowerShell could not run collect.ps1"
  )
)
if "%HAVE_PS%"=="0" call :skip get-nettcpconnection "no PowerShell on this station"

call :manifest
del "%FILES%" "%SKIPS%" 2>nul

if "%ARCHIVE%"=="1" (
  where tar.exe >nul 2>&1 || (
    echo note: no tar.exe on this Windows; send the folder instead 1>&2
    goto done
  )
  for %%d in ("%OUT%") do tar.exe -czf "%OUT%.tar.gz" -C "%%~dpd." "%%~nxd" && echo %OUT%.tar.gz && goto finished
)
:done
echo %OUT%
:finished
echo Done. Send this to the help desk; it is triaged with: nettriage run --evidence BUNDLE 1>&2
exit /b 0

rem ---------------------------------------------------------------------------------------
rem :record FILE KIND COMMAND  -- after a command: ok when it exited 0, else failed.
:record
set "RC=%ERRORLEVEL%"
call :entry %1 %2 %3
exit /b 0

rem :entry FILE KIND COMMAND  -- one line of the manifest's "files" (RC set by the caller).
:entry
set "STATUS=ok"
set "NOTE="
if not "%RC%"=="0" (
  set "STATUS=failed"
  set "NOTE=, "note": "exit code %RC%""
)
>> "%FILES%" echo     {"name": "%~1", "kind": "%~2", "command": "%~3", "status": "%STATUS%"%NOTE%}
exit /b 0

rem :skip STEP REASON  -- one line of the manifest's "skipped".
:skip
>> "%SKIPS%" echo     {"step": "%~1", "reason": "%~2"}
exit /b 0

rem :lookup HOST:PORT  -- nslookup for a named host; a numeric IPv4 address needs none.
:lookup
set "T=%~1"
for /f "tokens=1 delims=:" %%h in ("%T%") do set "H=%%h"
if "%H:~0,1%"=="[" (
  call :skip "dns %T%" "an IPv6 address: no lookup"
  exit /b 0
)
echo %H%| findstr /r "^[0-9][0-9.]*$" >nul && (
  call :skip "dns %H%" "an address: no lookup"
  exit /b 0
)
set "SAFE=%H%"
set "SAFE=%SAFE:\=_%"
set "SAFE=%SAFE:/=_%"
set "SAFE=%SAFE: =_%"
nslookup -timeout=2 -retry=1 %H% > "%OUT%\nslookup-%SAFE%.txt" 2>&1
rem nslookup exits 1 when the name does not resolve: that is the finding, not a failure.
set "RC=0"
call :entry "nslookup-%SAFE%.txt" nslookup "nslookup -timeout=2 -retry=1 %H%"
exit /b 0

rem :manifest  -- manifest.json (schema nettriage.bundle/1, docs/fleet.md).
:manifest
set "J_LABEL="
if defined LABEL set "J_LABEL=!LABEL:\=\\!"
if defined LABEL set J_LABEL=!J_LABEL:"=\"!
set "J_WHEN=%WHEN:\=\\%"
set "J_OUT=%OUT%\manifest.json"
> "%J_OUT%" echo {
>> "%J_OUT%" echo   "schema": "nettriage.bundle/1",
>> "%J_OUT%" echo   "host": "%STATION%",
if defined LABEL >> "%J_OUT%" echo   "label": "!J_LABEL!",
>> "%J_OUT%" echo   "os": "%OSVER%",
>> "%J_OUT%" echo   "collected_at": "%J_WHEN%",
if defined ZONE >> "%J_OUT%" echo   "time_zone": "%ZONE%",
>> "%J_OUT%" echo   "collector": "contrib/windows/collect.cmd",
set "J_TARGETS="
for %%t in (%TARGETS%) do (
  if defined J_TARGETS (set "J_TARGETS=!J_TARGETS!, "%%~t"") else (set "J_TARGETS="%%~t"")
)
>> "%J_OUT%" echo   "targets": [!J_TARGETS!],
>> "%J_OUT%" echo   "files": [
call :join "%FILES%"
>> "%J_OUT%" echo   ],
>> "%J_OUT%" echo   "skipped": [
call :join "%SKIPS%"
>> "%J_OUT%" echo   ]
>> "%J_OUT%" echo }
exit /b 0

rem :join PART  -- the lines of PART, separated by commas.
:join
set "SEP="
for /f "usebackq delims=" %%l in ("%~1") do (
  if defined SEP >> "%J_OUT%" echo ,
  >> "%J_OUT%" echo %%l
  set "SEP=1"
)
exit /b 0

:usage
echo usage: collect.cmd [/out DIR] [/label TEXT] [/station NAME] [/target HOST:PORT]... [/archive] 1>&2
exit /b 0
:usage_error
echo usage: collect.cmd [/out DIR] [/label TEXT] [/station NAME] [/target HOST:PORT]... [/archive] 1>&2
exit /b 64
