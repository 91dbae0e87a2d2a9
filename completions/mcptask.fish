function __mcptask_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __mcptask_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __mcptask_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __mcptask_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __mcptask_parse_tokens -S
    set -l unparsed_tokens (__mcptask_tokens -pc)
    switch $unparsed_tokens[1]
    case 'mcptask'
        __mcptask_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'tools'
            __mcptask_parse_subcommand 0 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'json' 'version' 'h/help'
        case 'call'
            __mcptask_parse_subcommand -r 2 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'args=' 'task' 'no-task' 'ttl=' 'detach' 'json' 'events' 'answer=+' 'answers=' 'structured' 'version' 'h/help'
        case 'watch'
            __mcptask_parse_subcommand 1 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'result' 'json' 'events' 'answer=+' 'answers=' 'structured' 'version' 'h/help'
        case 'status'
            __mcptask_parse_subcommand 1 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'json' 'version' 'h/help'
        case 'result'
            __mcptask_parse_subcommand 1 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'json' 'events' 'answer=+' 'answers=' 'structured' 'version' 'h/help'
        case 'cancel'
            __mcptask_parse_subcommand 1 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'json' 'version' 'h/help'
        case 'tasks'
            __mcptask_parse_subcommand 0 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'json' 'version' 'h/help'
        case 'servers'
            __mcptask_parse_subcommand 0 'config=' 'json' 'color=' 'version' 'h/help'
        case 'check'
            __mcptask_parse_subcommand 0 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'tool=+' 'call-any' 'only=+' 'list' 'json' 'junit=' 'version' 'h/help'
        case 'session'
            __mcptask_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'start'
                __mcptask_parse_subcommand 1 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'idle-timeout=' 'version' 'h/help'
            case 'list'
                __mcptask_parse_subcommand 0 'json' 'version' 'h/help'
            case 'stop'
                __mcptask_parse_subcommand 1 'version' 'h/help'
            case 'logs'
                __mcptask_parse_subcommand 1 'lines=' 'version' 'h/help'
            end
        case 'auth'
            __mcptask_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'login'
                __mcptask_parse_subcommand 0 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'client-id=' 'client-secret=' 'client-metadata-url=' 'scope=+' 'no-browser' 'login-timeout=' 'version' 'h/help'
            case 'status'
                __mcptask_parse_subcommand 0 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'json' 'version' 'h/help'
            case 'logout'
                __mcptask_parse_subcommand 0 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'version' 'h/help'
            end
        case 'repl'
            __mcptask_parse_subcommand 0 's/server=' 'config=' 'H/header=+' 'timeout=' 'request-timeout=' 'protocol=' 'trace=' 'color=' 'v/verbose' 'max-frame-size=' 'strict' 'version' 'h/help'
        case 'help'
            __mcptask_parse_subcommand -r 1 'version'
        end
    end
end

function __mcptask_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __mcptask_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __mcptask_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __mcptask_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__mcptask_tokens -p)
    if test -z "$(__mcptask_tokens -t)"
        set -l index (count (__mcptask_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'mcptask' -f
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'tools' -d 'List the server\'s tools with their task modes.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'call' -d 'Call a tool; a task-capable tool runs as a task, followed live until it ends.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'watch' -d 'Follow a task until it ends: status, progress, time left of its TTL.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'status' -d 'Ask the server once for a task\'s current state.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'result' -d 'Print a task\'s result, waiting until the task ends.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'cancel' -d 'Cancel a task and print its final state.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'tasks' -d 'List the server\'s tasks, and the ones this machine started on it.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'servers' -d 'List the servers in config files, with the file each came from.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'check' -d 'Check the server\'s task support against the MCP spec.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'session' -d 'Background sessions that keep a server connection between commands.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'auth' -d 'Log in to HTTP servers that want OAuth authorization, and manage the logins.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'repl' -d 'An interactive shell on one connection: the command line\'s verbs, background calls, live events.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion tools -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" json' -l 'json' -d 'Print the server\'s tool list as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tools" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion call -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask call" -eq 1' -fka '(__mcptask_custom_completion ---completion call -- positional@0 (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask call" -ge 2' -fka '(__mcptask_custom_completion ---completion call -- positional@1 (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" args' -l 'args' -d 'Arguments as a JSON object, @FILE, or - for stdin.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" task' -l 'task' -d 'Run as a task (an error for a \'forbidden\' tool).'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" no-task' -l 'no-task' -d 'Call an \'optional\' tool without a task.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" ttl' -l 'ttl' -d 'Requested time to live of the task, e.g. 90s or 10m.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" detach' -l 'detach' -d 'Print the task id and return at once.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" json' -l 'json' -d 'Print the tool result exactly as the server sent it, as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" events' -l 'events' -d 'Print lifecycle events as newline-delimited JSON on stdout.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call"' -l 'answer' -d 'Answer a field of a question the server asks; repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" answers' -l 'answers' -d 'Answers to the server\'s questions: a JSON object, or an array for successive questions.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" structured' -l 'structured' -d 'Also show a result\'s structured content when it has text content (shown only without text otherwise).'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask call" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion watch -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask watch" -eq 1' -fka '(__mcptask_custom_completion ---completion watch -- positional@0 (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" result' -l 'result' -d 'Also print the tool result when the task ends.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" json' -l 'json' -d 'Print the final task (with --result: the tool result) as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" events' -l 'events' -d 'Print lifecycle events as newline-delimited JSON on stdout.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch"' -l 'answer' -d 'Answer a field of a question the server asks; repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" answers' -l 'answers' -d 'Answers to the server\'s questions: a JSON object, or an array for successive questions.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" structured' -l 'structured' -d 'Also show a result\'s structured content when it has text content (shown only without text otherwise).'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion status -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask status" -eq 1' -fka '(__mcptask_custom_completion ---completion status -- positional@0 (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" json' -l 'json' -d 'Print the task as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion result -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask result" -eq 1' -fka '(__mcptask_custom_completion ---completion result -- positional@0 (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" json' -l 'json' -d 'Print the tool result exactly as the server sent it, as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" events' -l 'events' -d 'Print lifecycle events as newline-delimited JSON on stdout.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result"' -l 'answer' -d 'Answer a field of a question the server asks; repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" answers' -l 'answers' -d 'Answers to the server\'s questions: a JSON object, or an array for successive questions.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" structured' -l 'structured' -d 'Also show a result\'s structured content when it has text content (shown only without text otherwise).'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask result" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion cancel -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask cancel" -eq 1' -fka '(__mcptask_custom_completion ---completion cancel -- positional@0 (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" json' -l 'json' -d 'Print the final task as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion tasks -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" json' -l 'json' -d 'Print the lists as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask tasks" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask servers" config' -l 'config' -d 'Read only this config file instead of searching.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask servers" json' -l 'json' -d 'Print the list as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask servers" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask servers" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask servers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion check -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check"' -l 'tool' -d 'A tool the check may call, with its arguments (repeatable): a slow one, one that fails, one that asks.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" call-any' -l 'call-any' -d 'Let the check call any tool that needs no argument (on a server you own).'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check"' -l 'only' -d 'Run only the checks of AREA (repeatable): capabilities, modes, creation, get, status, notifications, input, result, list, cancel, ttl, session, robustness.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" list' -l 'list' -d 'List every check with the clause it checks, and exit.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" json' -l 'json' -d 'Print the report as one JSON document.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" junit' -l 'junit' -d 'Also write the report as JUnit XML to FILE, for CI.' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask session" -eq 1' -fa 'start' -d 'Start a background session connected to a server.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask session" -eq 1' -fa 'list' -d 'List background sessions: name, state, pid, uptime, tasks, server.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask session" -eq 1' -fa 'stop' -d 'Stop a background session (its server process too).'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask session" -eq 1' -fa 'logs' -d 'Print a background session\'s log.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion session start -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" idle-timeout' -l 'idle-timeout' -d 'Stop the session after this long with no command attached, e.g. 30m.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session start" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session list" json' -l 'json' -d 'Print the sessions as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session list" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session stop" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session stop" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session logs" lines' -l 'lines' -d 'Only the last N lines.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session logs" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask session logs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask auth" -eq 1' -fa 'login' -d 'Log in to an HTTP server that wants OAuth authorization.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask auth" -eq 1' -fa 'status' -d 'Show the stored logins (no token values).'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_positional "mcptask auth" -eq 1' -fa 'logout' -d 'Forget the stored login for a server.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion auth login -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" client-id' -l 'client-id' -d 'A pre-registered OAuth client id (else the client registers itself).' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" client-secret' -l 'client-secret' -d 'The pre-registered client\'s secret ($VAR expanded).' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" client-metadata-url' -l 'client-metadata-url' -d 'A Client ID Metadata Document URL to use as the client id, where supported.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login"' -l 'scope' -d 'A scope to ask for instead of the server\'s (repeatable).' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" no-browser' -l 'no-browser' -d 'Print the authorization URL instead of opening a browser.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" login-timeout' -l 'login-timeout' -d 'How long to wait for the browser to come back (default 5m).' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion auth status -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" json' -l 'json' -d 'Print the logins as JSON.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion auth logout -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask auth logout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" s server' -l 'server' -s 's' -d 'A name from a config file (mcptask servers lists them), \'demo\', @SESSION, or an http(s) URL.' -rfka '(__mcptask_custom_completion ---completion repl -- --server (count (__mcptask_tokens -pc)) (__mcptask_tokens -tC))'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" config' -l 'config' -d 'Read -s NAME from this config file only (default: search mcptask\'s and other clients\' files).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl"' -s 'H' -l 'header' -d 'Extra HTTP header ($VAR in it is expanded); repeatable.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" timeout' -l 'timeout' -d 'Limit on the whole command, e.g. 90s or 10m; then exit 124.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" request-timeout' -l 'request-timeout' -d 'Limit on each request that should answer promptly.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" protocol' -l 'protocol' -d 'The protocol revision; auto tries 2026-07-28, then 2025-11-25.' -rfka 'auto 2025-11-25 2026-07-28'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" trace' -l 'trace' -d 'Write every JSON-RPC message to FILE (\'-\' for stderr).' -rF
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" color' -l 'color' -d 'Colour: auto means on a terminal, unless NO_COLOR is set.' -rfka 'auto always never'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" v verbose' -l 'verbose' -s 'v' -d 'Say what is happening on stderr, including the server\'s stderr.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" max-frame-size' -l 'max-frame-size' -d 'The largest message accepted from a server.' -rfka ''
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" strict' -l 'strict' -d 'Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" version' -l 'version' -d 'Show the version.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask repl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcptask' -n '__mcptask_should_offer_completions_for_flags_or_options "mcptask help" version' -l 'version' -d 'Show the version.'
