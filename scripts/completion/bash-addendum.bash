
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
