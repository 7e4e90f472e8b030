# NetTriage: what PowerShell adds to collect.cmd (which calls it when PowerShell is present):
# Get-NetTCPConnection, which also lists the ports held in the Bound state that netstat -ano
# shows only from Windows 10 (netstat -q). Reads only. Windows 8 / Server 2012 and later.
param(
  [Parameter(Mandatory = $true)][string]$Out
)
$ErrorActionPreference = 'Stop'
$file = Join-Path $Out 'get-nettcpconnection.txt'
Get-NetTCPConnection |
  Sort-Object -Property State, RemotePort |
  Format-Table -AutoSize -Property LocalAddress, LocalPort, RemoteAddress, RemotePort, State, OwningProcess |
  Out-String -Width 300 |
  Out-File -Encoding utf8 -FilePath $file
