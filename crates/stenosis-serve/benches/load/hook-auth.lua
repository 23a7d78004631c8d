-- wrk script for the authenticated load test: like hook.lua, and each request carries the next
-- unused JWT from STENOSIS_LOAD_TOKENS (thread i of T takes lines i, i+T, ...).
local f = assert(io.open(os.getenv("STENOSIS_LOAD_BODY"), "r"))
local body = f:read("*a")
f:close()
local threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

init = function(args)
  tokens = {}
  local i = 0
  for line in io.lines(os.getenv("STENOSIS_LOAD_TOKENS")) do
    if i % 2 == id - 1 then table.insert(tokens, line) end
    i = i + 1
  end
  next_token = 1
end

request = function()
  local t = tokens[next_token] or "exhausted"
  next_token = next_token + 1
  return wrk.format("POST", "/cds-services/stenosis-patient-view",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. t}, body)
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  non-2xx %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status))
end
