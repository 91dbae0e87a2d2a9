#!/bin/bash

__mcptask_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__mcptask_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__mcptask_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__mcptask_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_mcptask() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __mcptask_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    tools|call|watch|status|result|cancel|tasks|servers|check|session|auth|repl|help)
        # Offer subcommand argument completions
        "_mcptask_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'tools call watch status result cancel tasks servers check session auth repl help' -- "${cur}"))
        ;;
    esac
}

_mcptask_tools() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --json --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion tools -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    esac
}

_mcptask_call() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --task --no-task --detach --json --events --structured --version -h --help)
    repeating_options=(-H --header --answer)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size --args --ttl --answers)
    __mcptask_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion call -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    '--args')
        return
        ;;
    '--ttl')
        return
        ;;
    '--answer')
        return
        ;;
    '--answers')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion call -- positional@0 "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    *)
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion call -- positional@1 "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_mcptask_watch() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --result --json --events --structured --version -h --help)
    repeating_options=(-H --header --answer)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size --answers)
    __mcptask_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion watch -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    '--answer')
        return
        ;;
    '--answers')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion watch -- positional@0 "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_mcptask_status() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --json --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size)
    __mcptask_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion status -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion status -- positional@0 "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_mcptask_result() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --json --events --structured --version -h --help)
    repeating_options=(-H --header --answer)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size --answers)
    __mcptask_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion result -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    '--answer')
        return
        ;;
    '--answers')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion result -- positional@0 "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_mcptask_cancel() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --json --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size)
    __mcptask_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion cancel -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion cancel -- positional@0 "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_mcptask_tasks() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --json --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion tasks -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    esac
}

_mcptask_servers() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--config --color)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_mcptask_check() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --call-any --list --json --version -h --help)
    repeating_options=(-H --header --tool --only)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size --junit)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion check -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    '--tool')
        return
        ;;
    '--only')
        return
        ;;
    '--junit')
        __mcptask_add_completions -f
        return
        ;;
    esac
}

_mcptask_session() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcptask_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    start|list|stop|logs)
        # Offer subcommand argument completions
        "_mcptask_session_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'start list stop logs' -- "${cur}"))
        ;;
    esac
}

_mcptask_session_start() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size --idle-timeout)
    __mcptask_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion session start -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    esac
}

_mcptask_session_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcptask_offer_flags_options 0
}

_mcptask_session_stop() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcptask_offer_flags_options 1
}

_mcptask_session_logs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--lines)
    __mcptask_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lines')
        return
        ;;
    esac
}

_mcptask_auth() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcptask_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    login|status|logout)
        # Offer subcommand argument completions
        "_mcptask_auth_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'login status logout' -- "${cur}"))
        ;;
    esac
}

_mcptask_auth_login() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --no-browser --version -h --help)
    repeating_options=(-H --header --scope)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size --client-id --client-secret --client-metadata-url --login-timeout)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion auth login -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    '--client-id')
        return
        ;;
    '--client-secret')
        return
        ;;
    '--client-metadata-url')
        return
        ;;
    '--scope')
        return
        ;;
    '--login-timeout')
        return
        ;;
    esac
}

_mcptask_auth_status() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --json --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion auth status -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    esac
}

_mcptask_auth_logout() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion auth logout -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    esac
}

_mcptask_repl() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --strict --version -h --help)
    repeating_options=(-H --header)
    non_repeating_options=(--server -s --config --timeout --request-timeout --protocol --trace --color --max-frame-size)
    __mcptask_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server'|'-s')
        __mcptask_add_completions -W "$(__mcptask_custom_complete ---completion repl -- --server "${COMP_CWORD}" "$(__mcptask_cursor_index_in_current_word)")"
        return
        ;;
    '--config')
        __mcptask_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '-H'|'--header')
        return
        ;;
    '--timeout')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--protocol')
        __mcptask_add_completions -W 'auto'$'\n''2025-11-25'$'\n''2026-07-28'
        return
        ;;
    '--trace')
        __mcptask_add_completions -f
        return
        ;;
    '--color')
        __mcptask_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-frame-size')
        return
        ;;
    esac
}

_mcptask_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __mcptask_offer_flags_options -1
}

complete -o filenames -F _mcptask mcptask

# Added by scripts/generate-docs.sh (from scripts/completion/bash-addendum.bash). bash cuts COMP_WORDS at
# the characters of COMP_WORDBREAKS (=, : and @ among them), which would split KEY=VALUE, URLs and @NAME
# into pieces that mcptask cannot read: the words are put together again from the line. readline itself
# replaces only the part of the word after its last = or :, so the candidates are trimmed to that part
# (it does not break at @). Words mcptask offers
# itself (a tool's KEY=, a session's @NAME) are not quoted as file names, and KEY= takes its value with no
# space in between.
__mcptask_complete_whole_words() {
    local -r before="${COMP_LINE:0:COMP_POINT}" after="${COMP_LINE:COMP_POINT}"
    local -a words_before words_after
    read -ra words_before <<<"${before}"
    read -ra words_after <<<"${after}"
    if [[ -z "${before}" || "${before: -1}" = [[:space:]] ]]; then
        words_before+=('')
    fi
    local -r current="${words_before[${#words_before[@]} - 1]}"
    if [[ -n "${after}" && "${after:0:1}" != [[:space:]] ]]; then
        words_before[${#words_before[@]} - 1]+="${words_after[0]}"
        words_after=("${words_after[@]:1}")
    fi
    local -a COMP_WORDS=("${words_before[@]}" "${words_after[@]}")
    local COMP_CWORD="$((${#words_before[@]} - 1))"

    local kept='' separator
    for separator in = :; do
        if [[ "${COMP_WORDBREAKS}" = *"${separator}"* && "${current}" = *"${separator}"* ]]; then
            local through="${current%"${current##*"${separator}"}"}"
            [[ "${#through}" -gt "${#kept}" ]] && kept="${through}"
        fi
    done

    _mcptask "${1}" "${current}" "${COMP_WORDS[${COMP_CWORD} - 1]}"

    local -i index
    local whole=false
    for index in "${!COMPREPLY[@]}"; do
        case "${COMPREPLY[${index}]}" in
        *= | @*) whole=true ;;
        esac
        COMPREPLY[${index}]="${COMPREPLY[${index}]#"${kept}"}"
    done
    if "${whole}"; then
        compopt +o filenames
        [[ "${#COMPREPLY[@]}" -eq 1 && "${COMPREPLY[0]}" = *= ]] && compopt -o nospace
    fi
    return 0
}
complete -o filenames -F __mcptask_complete_whole_words mcptask
