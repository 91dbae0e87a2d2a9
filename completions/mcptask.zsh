#compdef mcptask

__mcptask_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__mcptask_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __mcptask_complete "${completions[@]:0:-1}"
    fi
}

__mcptask_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_mcptask() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'tools:List the server'\''s tools with their task modes.'
            'call:Call a tool; a task-capable tool runs as a task, followed live until it ends.'
            'watch:Follow a task until it ends: status, progress, time left of its TTL.'
            'status:Ask the server once for a task'\''s current state.'
            'result:Print a task'\''s result, waiting until the task ends.'
            'cancel:Cancel a task and print its final state.'
            'tasks:List the server'\''s tasks, and the ones this machine started on it.'
            'servers:List the servers in config files, with the file each came from.'
            'check:Check the server'\''s task support against the MCP spec.'
            'session:Background sessions that keep a server connection between commands.'
            'auth:Log in to HTTP servers that want OAuth authorization, and manage the logins.'
            'repl:An interactive shell on one connection: the command line'\''s verbs, background calls, live events.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        tools|call|watch|status|result|cancel|tasks|servers|check|session|auth|repl|help)
            "_mcptask_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcptask_tools() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion tools -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        '--json[Print the server'\''s tool list as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_call() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion call -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        ':tool:{__mcptask_custom_complete ---completion call -- positional@0 "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '*:key=value:{__mcptask_custom_complete ---completion call -- positional@1 "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--args[Arguments as a JSON object, @FILE, or - for stdin.]:json:'
        '--task[Run as a task (an error for a '\''forbidden'\'' tool).]'
        '--no-task[Call an '\''optional'\'' tool without a task.]'
        '--ttl[Requested time to live of the task, e.g. 90s or 10m.]:duration:'
        '--detach[Print the task id and return at once.]'
        '--json[Print the tool result exactly as the server sent it, as JSON.]'
        '--events[Print lifecycle events as newline-delimited JSON on stdout.]'
        '*--answer[Answer a field of a question the server asks; repeatable.]:key=value:'
        '--answers[Answers to the server'\''s questions\: a JSON object, or an array for successive questions.]:file:_files -g '\''*.json'\'''
        '--structured[Also show a result'\''s structured content when it has text content (shown only without text otherwise).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_watch() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion watch -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        ':task:{__mcptask_custom_complete ---completion watch -- positional@0 "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--result[Also print the tool result when the task ends.]'
        '--json[Print the final task (with --result\: the tool result) as JSON.]'
        '--events[Print lifecycle events as newline-delimited JSON on stdout.]'
        '*--answer[Answer a field of a question the server asks; repeatable.]:key=value:'
        '--answers[Answers to the server'\''s questions\: a JSON object, or an array for successive questions.]:file:_files -g '\''*.json'\'''
        '--structured[Also show a result'\''s structured content when it has text content (shown only without text otherwise).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_status() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion status -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        ':task:{__mcptask_custom_complete ---completion status -- positional@0 "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--json[Print the task as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_result() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion result -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        ':task:{__mcptask_custom_complete ---completion result -- positional@0 "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--json[Print the tool result exactly as the server sent it, as JSON.]'
        '--events[Print lifecycle events as newline-delimited JSON on stdout.]'
        '*--answer[Answer a field of a question the server asks; repeatable.]:key=value:'
        '--answers[Answers to the server'\''s questions\: a JSON object, or an array for successive questions.]:file:_files -g '\''*.json'\'''
        '--structured[Also show a result'\''s structured content when it has text content (shown only without text otherwise).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_cancel() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion cancel -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        ':task:{__mcptask_custom_complete ---completion cancel -- positional@0 "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--json[Print the final task as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_tasks() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion tasks -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        '--json[Print the lists as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_servers() {
    local -i ret=1
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--config[Read only this config file instead of searching.]:file:_files -g '\''*.json'\'''
        '--json[Print the list as JSON.]'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_check() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion check -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        '--tool[A tool the check may call, with its arguments (repeatable)\: a slow one, one that fails, one that asks.]:NAME \[KEY=VALUE...\]:'
        '--call-any[Let the check call any tool that needs no argument (on a server you own).]'
        '*--only[Run only the checks of AREA (repeatable)\: capabilities, modes, creation, get, status, notifications, input, result, list, cancel, ttl, session, robustness.]:AREA:'
        '--list[List every check with the clause it checks, and exit.]'
        '--json[Print the report as one JSON document.]'
        '--junit[Also write the report as JUnit XML to FILE, for CI.]:junit:_files'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_session() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'start:Start a background session connected to a server.'
            'list:List background sessions: name, state, pid, uptime, tasks, server.'
            'stop:Stop a background session (its server process too).'
            'logs:Print a background session'\''s log.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        start|list|stop|logs)
            "_mcptask_session_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcptask_session_start() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion session start -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        ':name:'
        '--idle-timeout[Stop the session after this long with no command attached, e.g. 30m.]:duration:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_session_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[Print the sessions as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_session_stop() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_session_logs() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--lines[Only the last N lines.]:N:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_auth() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'login:Log in to an HTTP server that wants OAuth authorization.'
            'status:Show the stored logins (no token values).'
            'logout:Forget the stored login for a server.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        login|status|logout)
            "_mcptask_auth_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcptask_auth_login() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion auth login -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        '--client-id[A pre-registered OAuth client id (else the client registers itself).]:client-id:'
        '--client-secret[The pre-registered client'\''s secret ($VAR expanded).]:client-secret:'
        '--client-metadata-url[A Client ID Metadata Document URL to use as the client id, where supported.]:client-metadata-url:'
        '*--scope[A scope to ask for instead of the server'\''s (repeatable).]:scope:'
        '--no-browser[Print the authorization URL instead of opening a browser.]'
        '--login-timeout[How long to wait for the browser to come back (default 5m).]:login-timeout:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_auth_status() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion auth status -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        '--json[Print the logins as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_auth_logout() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion auth logout -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_repl() {
    local -i ret=1
    local -ar ___protocol=('auto' '2025-11-25' '2026-07-28')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '(--server -s)'{--server,-s}'[A name from a config file (mcptask servers lists them), '\''demo'\'', @SESSION, or an http(s) URL.]:server:{__mcptask_custom_complete ---completion repl -- --server "${current_word_index}" "$(__mcptask_cursor_index_in_current_word)"}'
        '--config[Read -s NAME from this config file only (default\: search mcptask'\''s and other clients'\'' files).]:file:_files -g '\''*.json'\'''
        '*'{-H,--header}'[Extra HTTP header ($VAR in it is expanded); repeatable.]:header:'
        '--timeout[Limit on the whole command, e.g. 90s or 10m; then exit 124.]:duration:'
        '--request-timeout[Limit on each request that should answer promptly.]:duration:'
        '--protocol[The protocol revision; auto tries 2026-07-28, then 2025-11-25.]:protocol:{__mcptask_complete "${___protocol[@]}"}'
        '--trace[Write every JSON-RPC message to FILE ('\''-'\'' for stderr).]:file:_files'
        '--color[Colour\: auto means on a terminal, unless NO_COLOR is set.]:color:{__mcptask_complete "${___color[@]}"}'
        '(--verbose -v)'{--verbose,-v}'[Say what is happening on stderr, including the server'\''s stderr.]'
        '--max-frame-size[The largest message accepted from a server.]:bytes:'
        '--strict[Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcptask_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

# Added by scripts/generate-docs.sh (from scripts/completion/zsh-addendum.zsh): when every word mcptask
# offers is a tool's KEY=, it takes its value with no space in between.
__mcptask_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        completions=("${completions[@]:0:-1}")
        local -a keys=("${(@M)completions:#[^:]#=(|:*)}")
        if [[ "${#keys[@]}" -eq "${#completions[@]}" ]]; then
            _describe -V '' completions -S ''
        else
            __mcptask_complete "${completions[@]}"
        fi
    fi
}

if [[ "${funcstack[1]}" = _mcptask ]]; then
    _mcptask "${@}"
else
    compdef _mcptask mcptask
fi
