-- Drives Activation Lens's language server from a real Neovim, with the 0.7 API (vim.lsp.start_client and
-- vim.lsp.buf_attach_client; vim.lsp.start arrived in 0.8): open a fixture, wait for the pushed diagnostics, open
-- the hover float, pick the preferred quick fix through vim.lsp.buf.code_action(), write the file, and report what
-- happened as JSON for test/unit/server/neovim.test.ts. Paths come from the environment.
local node, cli, fixture, out = os.getenv('AL_NODE'), os.getenv('AL_CLI'), os.getenv('AL_FIXTURE'), os.getenv('AL_OUT')
local report = { steps = {} }

local function step(name) table.insert(report.steps, name) end

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(report) }, out)
  vim.cmd('qall!')
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function line_of(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then return i, col - 1 end
  end
  error('not in the fixture: ' .. needle)
end

local function float_text()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      return table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n')
    end
  end
  return nil
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
  local bufnr = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'activation-lens',
    cmd = { node, cli, 'server', '--stdio' },
    root_dir = vim.fn.fnamemodify(fixture, ':h'),
    -- Neovim 0.7 answers workspace/configuration but does not say so, and sends no didChangeConfiguration by
    -- itself: settings go in as initializationOptions.
    init_options = { activationLens = { hover = { guidance = false } } },
  })
  assert(id, 'vim.lsp.start_client returned nothing')
  assert(vim.lsp.buf_attach_client(bufnr, id), 'vim.lsp.buf_attach_client failed')
  step('attached')

  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50), 'no diagnostics within 30 s')
  report.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(report.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, source = d.source, code = lsp.code or d.code, severity = d.severity })
  end
  step('diagnostics')

  local lnum, col = line_of(bufnr, 'LeakyReLU')
  vim.api.nvim_win_set_cursor(0, { lnum, col + 2 })
  vim.lsp.buf.hover()
  assert(vim.wait(10000, function() return float_text() ~= nil end, 50), 'no hover float within 10 s')
  report.hover = float_text()
  step('hover')
  -- Close the float: the code action below runs in the code window.
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then vim.api.nvim_win_close(win, true) end
  end

  local slip
  for _, d in ipairs(report.diagnostics) do
    if d.code == 'invalid-activation-string' then slip = d end
  end
  assert(slip, 'no invalid-activation-string diagnostic')
  vim.api.nvim_win_set_cursor(0, { slip.lnum + 1, slip.col })
  -- The code action menu: choose the preferred fix, as a user pressing its number would.
  vim.ui.select = function(items, _, on_choice)
    report.actions = {}
    local chosen
    for i, item in ipairs(items) do
      table.insert(report.actions, item[2].title)
      if item[2].isPreferred and not chosen then chosen = i end
    end
    on_choice(chosen and items[chosen] or nil, chosen)
  end
  vim.lsp.buf.code_action()
  assert(vim.wait(10000, function() return buffer_text(bufnr):find('activation="relu"', 1, true) ~= nil end, 50), 'the quick fix was not applied')
  step('code action')
  vim.cmd('write')
  step('written')
  -- After the edit the server pushes the diagnostics again, without the fixed finding.
  assert(vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'invalid-activation-string' then return false end
    end
    return true
  end, 50), 'the fixed finding is still reported')
  step('rechecked')
  vim.lsp.stop_client(id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
  step('stopped')
end)
report.ok = ok
if not ok then report.error = tostring(err) end
finish()
